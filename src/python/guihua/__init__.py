"""guihua: Chinese local development plans read, their targets extracted, indexed and compared.

The same engine as the ``guihua`` command, answering with plain lists of dicts that have the fields
of the CLI's JSON lines; ``frame(rows)`` makes them a pandas DataFrame.

    import guihua
    rows = guihua.extract("corpus/")                  # a folder, a file, a list of files, or text
    guihua.ingest(["corpus/"], db="guihua-index")
    index = guihua.Index("guihua-index")
    index.search("家庭教育指导", district="北关区", limit=5)
    guihua.frame(index.compare_targets(indicator="孕产妇死亡率"))

Errors are ``guihua.Error`` with the CLI's one-line message naming the file or index; problems
inside a document that stop nothing are ``guihua.DocumentWarning`` warnings. Rules are read from
``rules=`` when given, else ``$GUIHUA_RULES``, else the rules installed beside the module, else the
source tree it was built from. docs/python.md has a worked example.
"""

import os

from . import _core
from ._core import DocumentWarning, Error

__all__ = ["parse", "extract", "ingest", "Index", "frame", "tidy_types", "Error", "DocumentWarning",
           "rules_dir"]

# What a folder is searched for; a one-line string ending so names a file even when it is missing
# (so that a mistyped name is an error naming it, not a text of one line).
_PLAN_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm")


def rules_dir(rules=None):
    """The rules folder a call with ``rules=rules`` reads."""
    return os.fspath(rules) if rules else _core.default_rules()


def _is_path(value):
    """Whether ``value`` names a file or folder rather than being the text itself."""
    if isinstance(value, os.PathLike):
        return True
    if isinstance(value, (bytes, bytearray)):
        return False
    if not isinstance(value, str):
        raise TypeError(f"expected a path, a text or a list of paths, not {type(value).__name__}")
    if "\n" in value or len(value) > 4096:
        return False
    return os.path.exists(value) or value.lower().endswith(_PLAN_SUFFIXES)


def _paths(value):
    """A list of path strings from one path or a list of them."""
    if isinstance(value, (str, os.PathLike)):
        value = [value]
    return [os.fspath(p) for p in value]


def _names(value):
    """None, a name, or a list of names → a list of names."""
    if value is None:
        return []
    return [str(value)] if isinstance(value, (str, int)) else [str(v) for v in value]


def _kind(kind):
    return "" if kind is None else str(kind)


def _errors(errors):
    if errors not in ("raise", "warn"):
        raise ValueError(f"errors must be 'raise' or 'warn', not {errors!r}")
    return errors == "warn"


def _read(path_or_text, output, kind, rules, name, errors, max_file_mb):
    """(records, many): records of the file(s) or text, and whether more than one input was named."""
    rules = os.fspath(rules) if rules else ""
    if isinstance(path_or_text, (list, tuple)) or _is_path(path_or_text):
        paths = _paths(path_or_text)
        many = len(paths) != 1 or os.path.isdir(paths[0])
        return _core.read_files(paths, output, rules, _kind(kind), max_file_mb, _errors(errors)), many
    text = path_or_text if isinstance(path_or_text, (bytes, bytearray)) else path_or_text.encode()
    return _core.read_text(bytes(text), name, output, rules, _kind(kind), max_file_mb), False


def parse(path_or_text, *, kind=None, rules=None, name="text", errors="raise",
          max_file_mb=_core.DEFAULT_MAX_FILE_MB):
    """The document model (``guihua parse --format json``) of a file, or of a text.

    ``path_or_text``: a file path, a folder (searched for .txt/.pdf/.docx/.html files), a list of
    paths, or the text itself (str, or bytes in any encoding guihua reads). One file or text gives
    one dict; a folder or a list gives a list of dicts. ``kind``: "plan", "report" or "text"
    instead of what the text suggests. ``name``: the file name a text is given (its document id).
    ``errors="warn"``: a file that cannot be read is a warning and skipped, not an Error.
    """
    records, many = _read(path_or_text, "document", kind, rules, name, errors, max_file_mb)
    return records if many else (records[0] if records else None)


def extract(path_or_text, kind=None, *, rules=None, name="text", errors="raise",
            max_file_mb=_core.DEFAULT_MAX_FILE_MB):
    """The targets, baselines, actual values and direction goals of files or a text: one dict per
    value, the tidy rows of ``guihua extract --format jsonl`` (document, document_kind, file,
    province, city, district, period_start, period_end, plan, domain, domain_id, block, item,
    indicator, indicator_id, kind, year, base_year, comparator, value, value_max, unit,
    value_text, quote, line, page; docs/exports.md describes them). Arguments as for ``parse``."""
    records, _ = _read(path_or_text, "targets", kind, rules, name, errors, max_file_mb)
    return records


def ingest(paths, db="guihua-index", *, kind=None, rules=None, errors="raise",
           max_file_mb=_core.DEFAULT_MAX_FILE_MB):
    """Adds files and folders to the index ``db`` (made when missing), as ``guihua ingest`` does;
    unchanged files are skipped. Returns the report: indexed, unchanged, items, targets, failed,
    bytes, seconds. A file that fails raises Error once the others are in (``errors="warn"``: a
    warning, and it is listed in ``failed``)."""
    return _core.ingest(_paths(paths), os.fspath(db), os.fspath(rules) if rules else "",
                        _kind(kind), max_file_mb, _errors(errors))


class Index:
    """An index made by ``guihua ingest`` or ``guihua.ingest``: ``Index(db)``, or a list of
    shards (folders or tcp://HOST:PORT) searched as one."""

    def __init__(self, db="guihua-index", *, rules=None):
        dbs = _paths(db)
        self.db = dbs[0] if len(dbs) == 1 else dbs
        self._index = _core.Index(dbs, os.fspath(rules) if rules else "")

    def __repr__(self):
        return f"guihua.Index({self.db!r})"

    def search(self, q="", *, limit=10, offset=0, sort="relevance", collapse=True, **filters):
        """Goals, measures and other paragraphs matching ``q`` (the query language of ``guihua
        search``: words, "phrases", AND/OR/NOT, field:value), best first: one dict per hit, the tidy
        row of ``guihua search --format jsonl`` (document, document_kind, file, province, city,
        district, period_start, period_end, plan, domain, domain_id, block, item, rank, score,
        same_text, same_text_districts, text, line, end_line). Filters by keyword, each taking an
        id, a Chinese name or a short form: province, city, district, plan, domain, block,
        indicator, period, kind (document kind), document, year, value ("LO..HI" of the
        indicator's target). ``limit=None``: every hit. ``sort``: relevance, period, value or
        value-desc. A text printed alike in several plans is one hit, with same_text and
        same_text_districts; ``collapse=False`` lists each item (``--no-collapse``)."""
        given = {k: str(v) for k, v in filters.items() if v is not None}
        return self._index.search(q, given, -1 if limit is None else int(limit), int(offset), sort,
                                  bool(collapse))

    def compare_targets(self, indicator=None, *, domain=None, plan=None, district=None,
                        against=None, all=False, baselines=False, wide=False):
        """The targets of every plan side by side (``guihua compare targets --format jsonl``): one
        dict per value of each plan, with region, period, indicator, comparator, value, unit,
        verdict against the reference, quote, file, line. ``indicator`` and ``district``: a name or
        a list of names (ids, Chinese names, short forms; "北关,南开" works too); ``against``: the
        reference, an indexed document id, a district, or a plan file (read now, as ``--against
        FILE`` reads it; its warnings are DocumentWarnings); ``all``: indicators outside the
        dictionary too; ``baselines``: baseline values too; ``wide``: one row per indicator and a
        column per plan."""
        return self._index.compare_targets(_names(indicator), plan or "", domain or "",
                                           _names(district), os.fspath(against) if against else "",
                                           bool(all), bool(baselines), bool(wide))

    def progress(self, district=None, *, indicator=None, plan=None, domain=None, year=None):
        """Each plan's targets against the actual values of the reports on its region and plan kind:
        one dict per plan and indicator, the tidy rows of ``guihua progress --format jsonl``
        (document, province, city, district, plan, indicator_id, indicator, domain_id, direction,
        comparator, target, target_max, unit, target_year, baseline, baseline_year, actuals,
        latest_year, latest, latest_unit, status, gap, per_year, reach_year, report_says,
        disagrees, latest_quote, latest_file, latest_line). ``year``: the latest actual up to
        that year."""
        return self._index.progress(_names(indicator), plan or "", domain or "", _names(district),
                                    int(year or 0))

    def documents(self):
        """The indexed documents, the tidy rows of ``guihua documents --format jsonl``: document,
        document_kind, title, file, province, city, district, period_start, period_end, items,
        targets."""
        return self._index.documents()

    def indicators(self, plan=None, domain=None, *, unknown=False):
        """The indicator dictionary with how many documents and targets of this index use each,
        the tidy rows of ``guihua indicators --db DB --format jsonl`` (indicator_id, indicator,
        label, plan, parent, domains, direction, unit, documents, targets); ``unknown=True``: the
        indicator phrases of values that have no id, with counts (``indicators --unknown``)."""
        return self._index.indicators(plan or "", domain or "", bool(unknown))


# Columns of the tidy schema (render/tidy.h, docs/exports.md) → "string", "integer" or "number".
_TIDY_TYPES = _core.tidy_types()


def tidy_types():
    """Every column of the tidy rows (docs/exports.md) → "string", "integer" or "number"."""
    return dict(_TIDY_TYPES)

def _flat(row):
    """A record with its nested objects (region, period) spread into columns of their own."""
    out = {}
    for key, value in row.items():
        if isinstance(value, dict):
            for inner, v in value.items():
                out[inner if inner not in row else f"{key}_{inner}"] = v
        else:
            out[key] = value
    return out


def frame(rows):
    """The rows as a pandas DataFrame (pandas needed: Debian's python3-pandas), with the dtypes of
    the tidy schema: numbers (value, value_max, score…) float64, integers (year, period_start,
    period_end, line…) Int64, NaN / <NA> where a value is null. Nested objects (a document's
    region) are spread into columns of their own."""
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError("guihua.frame needs pandas (Debian: apt-get install python3-pandas)") from e
    df = pd.DataFrame.from_records([_flat(r) for r in rows])
    for column in df.columns:
        kind = _TIDY_TYPES.get(column)
        if kind == "number":
            df[column] = pd.to_numeric(df[column], errors="coerce").astype("float64")
        elif kind == "integer":
            df[column] = pd.to_numeric(df[column], errors="coerce").astype("Int64")
    return df
