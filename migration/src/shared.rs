//! What the migrations build their tables with: a foreign key that cascades, and an index named
//! after its table and columns (the names the existing schema has, so never change them).

use sea_orm_migration::prelude::*;

/// `from.col` references `to.id`, deleted with it.
pub(crate) fn fk(
    from: &'static str,
    col: &'static str,
    to: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from}_{col}"))
        .from(from, col)
        .to(to, "id")
        .on_delete(ForeignKeyAction::Cascade)
        .take()
}

/// An index `ix_<table>_<cols>`, unique or not.
pub(crate) fn index(
    table: &'static str,
    cols: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("ix_{table}_{}", cols.join("_")))
        .table(table);
    for c in cols {
        stmt.col(*c);
    }
    if unique {
        stmt.unique();
    }
    stmt.take()
}
