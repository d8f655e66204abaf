//! Typed indexes into a model: a [`RoleId`] can only index roles, a [`ScopeId`] only scopes, so
//! that a role index is never used as a person's or a kind's (they are all numbers otherwise).
//! [`Section`] holds a section of the model by id, [`IdVec`] a value for each of its items.

use super::IdMap;
use std::fmt;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// An index into one section of a model.
pub trait Id: Copy + Eq + Ord + std::hash::Hash + fmt::Debug {
    /// The id of the item at `index`.
    fn new(index: usize) -> Self;
    /// The item's position in its section.
    fn index(self) -> usize;
}

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(usize);

        impl Id for $name {
            fn new(index: usize) -> Self {
                $name(index)
            }

            fn index(self) -> usize {
                self.0
            }
        }

        impl $name {
            /// The id of the item at `index`.
            pub fn new(index: usize) -> Self {
                $name(index)
            }

            /// The item's position in its section.
            pub fn index(self) -> usize {
                self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }
    )*};
}

ids! {
    /// A role: an index into [`Model::roles`](super::Model::roles).
    RoleId;
    /// A person: an index into [`Model::people`](super::Model::people).
    PersonId;
    /// A kind: an index into [`Model::kinds`](super::Model::kinds).
    KindId;
    /// A scope: an index into [`Model::scopes`](super::Model::scopes).
    ScopeId;
}

/// One section of a model (its roles, people, kinds or scopes): the items by their string id,
/// in file order, indexed by their typed id `I`.
pub struct Section<I, T> {
    items: IdMap<T>,
    id: PhantomData<fn() -> I>,
}

impl<I: Id, T> Section<I, T> {
    /// How many items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The item with the string id `id`.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.items.get(id)
    }

    /// The typed id of the item with the string id `id`.
    pub fn id_of(&self, id: &str) -> Option<I> {
        self.items.get_index_of(id).map(I::new)
    }

    /// The string id of the item `id`.
    pub fn key(&self, id: I) -> &str {
        self.items
            .get_index(id.index())
            .map_or("", |(key, _)| key.as_str())
    }

    /// Every typed id, in file order.
    pub fn ids(&self) -> impl ExactSizeIterator<Item = I> + use<I, T> {
        (0..self.items.len()).map(I::new)
    }

    /// Every item with its typed id, in file order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (I, &T)> {
        self.items
            .values()
            .enumerate()
            .map(|(index, item)| (I::new(index), item))
    }

    /// Every item, in file order.
    pub fn values(&self) -> indexmap::map::Values<'_, String, T> {
        self.items.values()
    }

    /// Every string id, in file order.
    pub fn keys(&self) -> indexmap::map::Keys<'_, String, T> {
        self.items.keys()
    }
}

impl<I, T> From<IdMap<T>> for Section<I, T> {
    fn from(items: IdMap<T>) -> Self {
        Section {
            items,
            id: PhantomData,
        }
    }
}

impl<I: Id, T> Index<I> for Section<I, T> {
    type Output = T;

    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

/// By string id, for tests and callers that know the id exists; [`Section::get`] otherwise.
impl<I, T> Index<&str> for Section<I, T> {
    type Output = T;

    fn index(&self, id: &str) -> &T {
        &self.items[id]
    }
}

impl<I, T: fmt::Debug> fmt::Debug for Section<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.items.fmt(f)
    }
}

/// A value for each item of a section, indexed by the item's typed id.
#[derive(Clone, PartialEq, Eq)]
pub struct IdVec<I, T> {
    values: Vec<T>,
    id: PhantomData<fn() -> I>,
}

impl<I: Id, T> IdVec<I, T> {
    /// `value` for each of `count` items.
    pub fn filled(value: T, count: usize) -> Self
    where
        T: Clone,
    {
        IdVec::from(vec![value; count])
    }

    /// How many items.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The values, in the items' order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.values.iter()
    }

    /// Each item's id with its value.
    pub fn iter_enumerated(&self) -> impl ExactSizeIterator<Item = (I, &T)> {
        self.values
            .iter()
            .enumerate()
            .map(|(index, value)| (I::new(index), value))
    }

    /// The values as a slice, in the items' order.
    pub fn as_slice(&self) -> &[T] {
        &self.values
    }
}

impl<I, T> From<Vec<T>> for IdVec<I, T> {
    fn from(values: Vec<T>) -> Self {
        IdVec {
            values,
            id: PhantomData,
        }
    }
}

impl<I, T> FromIterator<T> for IdVec<I, T> {
    fn from_iter<V: IntoIterator<Item = T>>(values: V) -> Self {
        IdVec::from(values.into_iter().collect::<Vec<T>>())
    }
}

impl<I: Id, T> Index<I> for IdVec<I, T> {
    type Output = T;

    fn index(&self, id: I) -> &T {
        &self.values[id.index()]
    }
}

impl<I: Id, T> IndexMut<I> for IdVec<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.values[id.index()]
    }
}

impl<'a, I, T> IntoIterator for &'a IdVec<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.values.iter()
    }
}

impl<I, T: fmt::Debug> fmt::Debug for IdVec<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.values.fmt(f)
    }
}
