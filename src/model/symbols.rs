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
    /// The symbol `by` places further on.
    pub fn after(self, by: u32) -> Sym {
        Sym(self.0 + by)
    }

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

/// Every string interned by one load, in one buffer: once each, but for those of a second
/// thread's table taken in whole ([`Symbols::append`]).
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

    /// Takes `more`'s symbols after these, in their order, and returns what their numbers
    /// grow by. They are not hashed again (at a million roles interning a second thread's
    /// symbols took 70 ms on one thread): [`Symbols::intern`] does not see them, and a string
    /// in both tables has two symbols, of the same text.
    pub fn append(&mut self, more: &Symbols) -> u32 {
        let offset = self.ends.len() as u32;
        let base = self.text.len();
        self.text.push_str(&more.text);
        self.ends.extend(more.ends.iter().map(|end| base + end));
        offset
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
        assert_eq!(symbols.len(), 3);
        // Room made after symbols are in keeps them.
        symbols.reserve(1000);
        assert_eq!(symbols.intern("what@line-0"), b);
        assert_eq!(symbols.intern("role-1"), a);
        assert_eq!(symbols.len(), 3);
    }

    #[test]
    fn appended_symbols_follow_found_by_number_not_text() {
        let mut symbols = Symbols::default();
        let a = symbols.intern("role-1");
        let empty = symbols.intern("");
        let mut more = Symbols::default();
        let c = more.intern("role-2");
        let d = more.intern("role-1");
        let by = symbols.append(&more);
        assert_eq!((by, symbols.len()), (2, 4));
        assert_eq!(symbols.get(c.after(by)), "role-2");
        assert_eq!(symbols.get(d.after(by)), "role-1");
        assert_eq!(symbols.get(empty), "");
        let texts: Vec<&str> = symbols.iter().collect();
        assert_eq!(texts, ["role-1", "", "role-2", "role-1"]);
        assert_eq!(symbols.intern("role-1"), a);
        assert_eq!(symbols.intern("role-2").index(), 4);
    }
}
