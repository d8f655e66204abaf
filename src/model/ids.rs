//! Typed indexes into a model: a [`RoleId`] can only index roles, a [`ScopeId`] only scopes, so
//! that a role index is never used as a person's or a kind's (they are all numbers otherwise).
//! [`Section`] holds a section of the model by id, [`IdVec`] a value for each of its items.
//!
//! Ids are `u32`: every item takes bytes of a file read whole into memory, so a section never
//! has 2^32 items, and half-size ids halve every reference a model and its findings hold.

use hashbrown::HashTable;
use std::fmt;
use std::hash::BuildHasher;
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
        pub struct $name(u32);

        impl Id for $name {
            fn new(index: usize) -> Self {
                $name::new(index)
            }

            fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl $name {
            /// The id of the item at `index`.
            pub fn new(index: usize) -> Self {
                debug_assert!(u32::try_from(index).is_ok(), "a section has under 2^32 items");
                $name(index as u32)
            }

            /// The item's position in its section.
            pub fn index(self) -> usize {
                self.0 as usize
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

/// An item of a model section, known by its string id.
pub(crate) trait Keyed {
    /// Its id, unique in its section.
    fn key(&self) -> &String;
}

/// One section of a model (its roles, people, kinds or scopes): the items in file order,
/// indexed by their typed id `I` and found by their string id. Each id is stored once, in its
/// item; the lookup table holds positions only.
pub struct Section<I, T> {
    items: Vec<T>,
    /// Positions in `items`, hashed by the item's id.
    positions: HashTable<u32>,
    /// [`Keyed::key`] of `T`, so that reading a section needs no bound.
    key_of: fn(&T) -> &String,
    id: PhantomData<fn() -> I>,
}

/// Ids are short strings hashed millions of times in a large model, so a fast hash; order
/// never depends on it.
fn hash(key: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(key)
}

/// Where each item of a vector is, found by its id: what a [`Section`] looks ids up in. The
/// loader finds them once, for its duplicate ids and then for the section.
pub(crate) struct Positions(HashTable<u32>);

impl Positions {
    /// The positions of `items` by `key`; `repeated(earlier, again)` for each item whose key
    /// an earlier one has (the earlier stays the one found).
    pub(crate) fn of<'a, T>(
        items: &'a [T],
        key: impl Fn(&'a T) -> &'a str,
        mut repeated: impl FnMut(usize, usize),
    ) -> Positions {
        let mut positions = HashTable::with_capacity(items.len());
        for (at, item) in items.iter().enumerate() {
            let id = key(item);
            let hashed = hash(id);
            match positions.find(hashed, |&p: &u32| key(&items[p as usize]) == id) {
                Some(&earlier) => repeated(earlier as usize, at),
                None => {
                    positions.insert_unique(hashed, at as u32, |&p| hash(key(&items[p as usize])));
                }
            }
        }
        Positions(positions)
    }
}

impl<I: Id, T> Section<I, T> {
    /// An empty section with room for `capacity` items.
    pub(crate) fn with_capacity(capacity: usize) -> Self
    where
        T: Keyed,
    {
        Section {
            items: Vec::with_capacity(capacity),
            positions: HashTable::with_capacity(capacity),
            key_of: T::key,
            id: PhantomData,
        }
    }

    /// A section of `items` in their order, over their own vector (a million roles are not
    /// copied). Should two share an id, the later replaces the earlier in place, as with
    /// [`Section::insert`].
    pub(crate) fn from_vec(items: Vec<T>) -> Self
    where
        T: Keyed,
    {
        let mut repeated = false;
        let positions = Positions::of(&items, |item| item.key(), |_, _| repeated = true);
        if repeated {
            // A repeated id, an error already: item by item, which replaces it.
            return Self::inserted(items);
        }
        Self::indexed(items, positions)
    }

    /// A section of `items` over the [`Positions`] already found for them, none repeated.
    pub(crate) fn indexed(items: Vec<T>, positions: Positions) -> Self
    where
        T: Keyed,
    {
        debug_assert_eq!(items.len(), positions.0.len());
        Section {
            items,
            positions: positions.0,
            key_of: T::key,
            id: PhantomData,
        }
    }

    fn inserted(items: Vec<T>) -> Self
    where
        T: Keyed,
    {
        let mut section = Section::with_capacity(items.len());
        for item in items {
            section.insert(item);
        }
        section
    }

    /// Adds `item` at the end, or in place of the item with its id (which keeps its position).
    pub(crate) fn insert(&mut self, item: T) -> I {
        let (items, key_of) = (&self.items, self.key_of);
        let key = key_of(&item);
        let found = self
            .positions
            .find(hash(key), |&at| key_of(&items[at as usize]) == key);
        match found {
            Some(&at) => {
                self.items[at as usize] = item;
                I::new(at as usize)
            }
            None => {
                let at = self.items.len();
                self.positions.insert_unique(hash(key), at as u32, |&at| {
                    hash(key_of(&items[at as usize]))
                });
                self.items.push(item);
                I::new(at)
            }
        }
    }

    /// The item with the string id `id`.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.id_of(id).map(|id| &self[id])
    }

    /// The typed id of the item with the string id `id`.
    pub fn id_of(&self, id: &str) -> Option<I> {
        self.positions
            .find(hash(id), |&at| {
                (self.key_of)(&self.items[at as usize]) == id
            })
            .map(|&at| I::new(at as usize))
    }

    /// The string id of the item `id`.
    pub fn key(&self, id: I) -> &str {
        self.items
            .get(id.index())
            .map_or("", |item| (self.key_of)(item))
    }

    /// Every string id, in file order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator + Clone {
        self.items.iter().map(self.key_of)
    }
    /// How many items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every typed id, in file order.
    pub fn ids(&self) -> impl ExactSizeIterator<Item = I> + use<I, T> {
        (0..self.items.len()).map(I::new)
    }

    /// Every item with its typed id, in file order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (I, &T)> {
        self.items
            .iter()
            .enumerate()
            .map(|(index, item)| (I::new(index), item))
    }

    /// Every item, in file order.
    pub fn values(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The item `id`, to change in place (the loader only: an item's id never changes, so the
    /// lookup table stays right).
    pub(crate) fn get_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.index()]
    }
}

impl<I: Id, T> Index<I> for Section<I, T> {
    type Output = T;

    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

/// By string id, for tests and callers that know the id exists; [`Section::get`] otherwise.
///
/// # Panics
///
/// If no item has the id. orgraph's own code never indexes by a string: what a model names is
/// looked up with [`Section::get`] and reported when missing.
impl<I: Id, T> Index<&str> for Section<I, T> {
    type Output = T;

    fn index(&self, id: &str) -> &T {
        match self.get(id) {
            Some(item) => item,
            None => panic!("no item has the id `{id}`"),
        }
    }
}

impl<I, T: fmt::Debug> fmt::Debug for Section<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.items.iter().map(|item| ((self.key_of)(item), item)))
            .finish()
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

#[cfg(test)]
mod tests {
    use super::super::Kind;
    use super::*;

    #[test]
    fn positions_say_each_repeated_id_with_the_first() {
        let ids = ["a", "b", "a", "c", "b", "a"];
        let mut repeated = Vec::new();
        let positions = Positions::of(
            &ids,
            |id| id,
            |earlier, again| repeated.push((earlier, again)),
        );
        assert_eq!(repeated, [(0, 2), (1, 4), (0, 5)]);
        let unique = ["x", "y", "z"].map(|id| Kind {
            id: id.to_string(),
            description: None,
            span: None,
        });
        let found = Positions::of(&unique, |kind| &kind.id, |_, _| unreachable!());
        let indexed: Section<KindId, Kind> = Section::indexed(unique.to_vec(), found);
        let built: Section<KindId, Kind> = Section::from_vec(unique.to_vec());
        assert_eq!(format!("{indexed:?}"), format!("{built:?}"));
        assert_eq!(indexed.id_of("z"), Some(KindId::new(2)));
        assert_eq!(positions.0.len(), 3);
    }

    #[test]
    fn a_section_over_a_vector_is_the_section_built_item_by_item() {
        for ids in [&["a", "b", "c"][..], &["a", "b", "a", "c"]] {
            let items: Vec<Kind> = (0..ids.len())
                .map(|at| Kind {
                    id: ids[at].to_string(),
                    description: Some(at.to_string()),
                    span: None,
                })
                .collect();
            let mut inserted: Section<KindId, Kind> = Section::with_capacity(0);
            for item in items.clone() {
                inserted.insert(item);
            }
            let built: Section<KindId, Kind> = Section::from_vec(items);
            assert_eq!(format!("{built:?}"), format!("{inserted:?}"));
            assert_eq!(built.id_of("c"), inserted.id_of("c"));
        }
    }
}
