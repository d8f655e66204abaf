//! The strings a model's references name (`reports_to`, `fills`, `KIND@SCOPE`), each stored
//! once per load and known afterwards by a `u32` [`Sym`]. A large model names the same few
//! hundred thousand ids millions of times: a reference is then 4 bytes and a span, and
//! resolving it is a lookup in a vector indexed by its symbol, with no string hashed again.

use crate::source::Span;
use hashbrown::HashTable;
use std::hash::BuildHasher;

/// A string of a load's [`Symbols`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct Sym(u32);

impl Sym {
    /// Its position among the load's symbols, to index a vector of one value per symbol.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A reference as written: the string it names and where.
#[derive(Clone, Copy, Debug)]
pub(super) struct Ref {
    pub sym: Sym,
    pub span: Span,
}

/// Every distinct string interned by one load, in one buffer.
#[derive(Default)]
pub(super) struct Symbols {
    text: String,
    /// Where each symbol's text ends in `text`; it starts where the previous one ends. A chain
    /// of files may hold more than 4 GiB of text, so these are not `u32`.
    ends: Vec<usize>,
    /// Symbols, hashed by their text.
    table: HashTable<u32>,
}

fn hash(text: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(text)
}

impl Symbols {
    /// Room for `count` more symbols: a table grown to a million symbols hashed every one of
    /// them again at each doubling.
    pub fn reserve(&mut self, count: usize) {
        let Symbols { text, ends, table } = self;
        ends.reserve(count);
        table.reserve(count, |&at| hash(slice(text, ends, at as usize)));
    }

    /// The symbol of `text`, added if it is new.
    pub fn intern(&mut self, text: &str) -> Sym {
        let Symbols {
            text: all,
            ends,
            table,
        } = self;
        let get = |at: u32| -> &str { slice(all, ends, at as usize) };
        let hashed = hash(text);
        if let Some(&at) = table.find(hashed, |&at| get(at) == text) {
            return Sym(at);
        }
        let at = ends.len() as u32;
        table.insert_unique(hashed, at, |&at| hash(slice(all, ends, at as usize)));
        all.push_str(text);
        ends.push(all.len());
        Sym(at)
    }

    /// The symbol of `text`, if some reference named it.
    pub fn find(&self, text: &str) -> Option<Sym> {
        self.table
            .find(hash(text), |&at| self.get(Sym(at)) == text)
            .map(|&at| Sym(at))
    }

    /// The text of `sym`.
    pub fn get(&self, sym: Sym) -> &str {
        slice(&self.text, &self.ends, sym.index())
    }

    /// The text of the symbol at `at` (a [`Sym::index`]).
    pub fn text(&self, at: usize) -> &str {
        slice(&self.text, &self.ends, at)
    }

    /// How many symbols: one past the largest [`Sym::index`].
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The text of every symbol, in the order of [`Sym::index`].
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|at| slice(&self.text, &self.ends, at))
    }

    /// `text` as a reference at `span`.
    pub fn reference(&mut self, text: &str, span: Span) -> Ref {
        Ref {
            sym: self.intern(text),
            span,
        }
    }
}

fn slice<'t>(text: &'t str, ends: &[usize], at: usize) -> &'t str {
    let start = if at == 0 { 0 } else { ends[at - 1] };
    &text[start..ends[at]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_string_is_one_symbol() {
        let mut symbols = Symbols::default();
        let a = symbols.intern("role-1");
        let b = symbols.intern("what@line-0");
        let empty = symbols.intern("");
        assert_eq!(symbols.intern("role-1"), a);
        assert_ne!(a, b);
        assert_eq!(symbols.get(a), "role-1");
        assert_eq!(symbols.get(b), "what@line-0");
        assert_eq!(symbols.get(empty), "");
        assert_eq!(symbols.find("what@line-0"), Some(b));
        assert_eq!(symbols.find("role-2"), None);
        assert_eq!(symbols.len(), 3);
        // Room made after symbols are in keeps them.
        symbols.reserve(1000);
        assert_eq!(symbols.find("what@line-0"), Some(b));
        assert_eq!(symbols.intern("role-1"), a);
        assert_eq!(symbols.len(), 3);
    }
}
