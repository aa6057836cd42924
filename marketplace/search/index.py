"""The index on disk (or in memory): open, write, rebuild, search.

One `SearchIndex` per application (per gunicorn worker). It keeps

- one long-lived searcher, reopened only when another writer has committed a new
  generation (opening one costs tens of milliseconds at 100,000 listings);
- writes behind Whoosh's file lock with a timeout, so several workers take turns
  instead of failing; a write that still fails is logged, its keys are kept and
  retried with the next write or search of this worker, and `reindex` repairs
  whatever is left;
- a missing, unreadable or outdated index is replaced by an empty one and rebuilt
  from the database (in a background thread for a file index, so no request waits
  minutes for it; callers fall back to the database meanwhile)."""

from __future__ import annotations

import contextlib
import gc
import io
import logging
import os
import pickle
import re
import shutil
import struct
import sys
import tempfile
import threading
import time
import warnings
import weakref
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from operator import itemgetter, sub
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as whoosh_index
from whoosh.analysis import IDTokenizer, RegexTokenizer
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3PostingsWriter, W3TermInfo, _lenfield
from whoosh.columns import NumericColumn
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.formats import Existence, Frequency
from whoosh.index import LockError
from whoosh.searching import Searcher
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from . import analysis
from . import feed as feedmod
from .feed import FeedState
from .schema import VERSION, make_schema

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger("marketplace.search")

INDEX_NAME = "listings"
_VERSION_FILE = "marketplace-index-version"
_FEED_FILE = "marketplace-feed-state"  # the watermark into the change feed (see feed.py)


def _die_with_parent(parent_pid: int) -> None:
    """In a child process: be killed when the parent dies (Linux), so that a killed
    `reindex` leaves no writer behind holding the index's lock."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent check below still helps
        pass
    if os.getppid() != parent_pid:  # the parent died before the line above
        os._exit(1)


class _MemoryPool:
    """The postings of a bulk writer, kept in memory by field and term (Whoosh's own
    pool pickles them to sorted runs on disk and merges those, which costs more than
    segmenting the texts). A term's postings are one array of unsigned ints:
    docnum, frequency, docnum, frequency … (docnums only for a field that records
    presence): four bytes a number and no Python object per posting, and the flush
    takes each block apart by slicing. Docnums arrive in order, so each is sorted.
    Terms are str: their order is the UTF-8 byte order the segment keeps."""

    def __init__(self) -> None:
        self.postings: dict[str, dict[str, array]] = {}

    def cleanup(self) -> None:
        self.postings = {}


assert array("I").itemsize == 4, "postings kept as 32-bit unsigned ints"
_BIG_ENDIAN = sys.byteorder == "big"
# How the bulk writer turns a field's value into terms, for the kinds of field the
# schema has (each checked to be exactly what Whoosh's analyzer and format do).
_TEXT, _WORDS, _WHOLE = "text", "words", "whole"
_SPACES = re.compile(r"[^ \t\r\n]+")  # Whoosh's SpaceSeparatedTokenizer


def _segmented(field) -> bool:
    """Is this a text field of ours (jieba, term frequencies only)?"""
    return isinstance(field.analyzer, analysis.ChineseTokenizer) and type(field.format) is Frequency


def _kind_of(field) -> str:
    ana, fmt = field.analyzer, type(field.format)
    if _segmented(field):
        return _TEXT
    if isinstance(ana, RegexTokenizer) and ana.expression.pattern == _SPACES.pattern and fmt is Frequency:
        return _WORDS  # KEYWORD: space-separated codes, counted
    if isinstance(ana, IDTokenizer) and fmt is Existence:
        return _WHOLE  # ID: the whole value, present or not
    raise AssertionError(f"field {field!r} is not written by the bulk writer")


class _Spool(io.BytesIO):
    """What a writer writes to `target` from its present position on, kept in memory
    (Whoosh asks a file's position four times a term: a system call each on a real
    file) and written to `target` when closed."""

    def __init__(self, target) -> None:
        super().__init__()
        self._target = target
        self._start = target.tell()
        self.seek(self._start)

    def close(self) -> None:
        if not self.closed:
            self._target.write(self.getvalue()[self._start :])
            self._target.close()
        super().close()


def _spooled(structfile) -> None:
    structfile.file = _Spool(structfile.file)
    structfile.is_real = False  # arrays written as bytes, not with tofile()


def _mini_weights(weights: array):
    """A block's weights as Whoosh stores them: None when all are 1.0, one number
    when all are equal, else a tuple."""
    low, high = min(weights), max(weights)
    if low == high == 1.0:
        return None
    if low == high:
        return weights[0]
    return tuple(weights)


class _BlockPostingsWriter(W3PostingsWriter):
    """Whoosh's postings writer, handed a whole block at a time by the bulk writer,
    which shrinks the block with whole-list operations where Whoosh's walks it one
    posting at a time in Python (the same bytes come out)."""

    _packed_values = b""

    def _mini_ids(self):
        ids = self._ids
        return tuple(map(sub, ids, chain((0,), ids)))  # delta_encode

    def _mini_weights(self):
        return _mini_weights(self._weights)

    def _mini_values(self):
        # Frequency: 4 bytes a posting, joined; Existence: no values.
        return self._packed_values if self._format.fixed_value_size() else None


_TERMINFO = W3TermInfo._struct


def _write_one_block(fw, tbytes: bytes, postings: array, whole: bool, boost: float, lengths: dict) -> None:
    """A term whose postings fit in one block (most terms: a key, a rare word),
    written as Whoosh's `start_term`, `add_posting`s and `finish_term` write it
    (the header, the block's info and data, the term's info in the term table),
    without the writer's per-term objects."""
    if len(postings) == (1 if whole else 2):  # one posting: every key, many a rare word
        _write_one_posting(fw, tbytes, postings, whole, boost, lengths)
        return
    if whole:
        docnums = postings
        weights = array("f", [boost]) * len(docnums)
        maxweight = max(boost, 0)
        values = None
    else:
        docnums = postings[0::2]
        freqs = postings[1::2]
        weights = array("f", freqs if boost == 1.0 else [f * boost for f in freqs])
        maxweight = max(max(freqs) * boost, 0)
        if not _BIG_ENDIAN:
            freqs.byteswap()
        values = freqs.tobytes()
    if lengths:
        found = itemgetter(*docnums)(lengths)
        minbyte, maxbyte = min(found), max(found)
    else:
        minbyte = maxbyte = 0
    ids = tuple(map(sub, docnums, chain((0,), docnums)))
    _write_block_and_term(
        fw,
        tbytes,
        ids,
        _mini_weights(weights),
        values,
        sum(weights),
        maxweight,
        docnums[-1],
        minbyte,
        maxbyte,
    )


_UINT = struct.Struct(">I")  # a stored frequency, as Frequency packs it


def _write_one_posting(fw, tbytes: bytes, postings: array, whole: bool, boost: float, lengths: dict) -> None:
    """`_write_one_block` for a term in one document: the same bytes without the
    array operations a block of many postings needs."""
    docnum = postings[0]
    if whole:
        weight, maxweight, values = boost, max(boost, 0), None
    else:
        freq = postings[1]
        weight, maxweight, values = freq * boost, max(freq * boost, 0), _UINT.pack(freq)
    weight = array("f", (weight,))[0]  # as a block's weights array holds it
    lbyte = lengths[docnum] if lengths else 0
    _write_block_and_term(
        fw,
        tbytes,
        (docnum,),
        None if weight == 1.0 else weight,
        values,
        0 + weight,
        maxweight,
        docnum,
        lbyte,
        lbyte,
    )


def _write_block_and_term(
    fw, tbytes, ids, mini_weights, values, weight_sum, maxweight, lastid, minbyte, maxbyte
) -> None:
    """The one block of a term (header, info, data) and its entry in the term table:
    `ids` the docnums delta-encoded (the first is the first docnum); the length bytes
    of its shortest and longest document (0 for a field without lengths)."""
    postfile = fw._postwriter._postfile
    comp = fw._postwriter._compression
    n, firstid = len(ids), ids[0]
    databytes = zlib.compress(pickle.dumps((ids, mini_weights, values), 2), comp)
    infobytes = pickle.dumps((n, lastid, maxweight, comp, minbyte, maxbyte), 2)
    start = postfile.tell()
    # The header, the block's length (negative: the last block), its info and data.
    block = b"".join(
        (WHOOSH3_HEADER_MAGIC, pack_int(-(len(infobytes) + len(databytes))), infobytes, databytes)
    )
    postfile.write(block)
    terminfo = (
        _TERMINFO.pack(
            0,  # not inlined
            weight_sum,
            n,
            minbyte,
            maxbyte,
            max(0, maxweight),
            firstid,
            lastid,
        )
        + pack_long(start)
        + pack_int(len(block))
    )
    fw._tindex.add(pack_ushort(fw._fieldid) + tbytes, terminfo)


class _BulkWriter(SegmentWriter):
    """Whoosh's segment writer for a full rebuild, with what Whoosh spends beyond
    segmenting the texts cut out: postings and field lengths kept in memory (no
    sorted runs pickled to disk and merged, no lengths read back per posting),
    each text segmented once into a term count without a token object per word,
    codes split without an analyzer, and each block of postings written whole
    instead of one posting at a time. It writes the same segment as Whoosh's own
    writer (tests compare them)."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool = _MemoryPool()
        # The per-document columns (field lengths, numbers), written whole at the end
        # instead of a value at a time: column name -> (column, docnum -> value).
        self._columns: dict[str, tuple[Any, dict[int, Any]]] = {}
        self._fieldlengths: dict[str, int] = {}
        self._fields = {}
        for name, field in self.schema.items():
            assert not field.vector and not field.separate_spelling(), "not written by the bulk writer"
            kind = _kind_of(field) if field.indexed else None
            boost = field.format.field_boost if field.format else 1.0
            column = field.column_type
            assert column is None or isinstance(column, NumericColumn), "columns of numbers only"
            self._fields[name] = (field, kind, boost, field.scorable, field.stored, column)

    def add_document(self, **fields):
        self._check_state()
        perdocwriter = self.perdocwriter
        postings = self.pool.postings
        docnum = self.docnum
        perdocwriter.start_doc(docnum)
        for fieldname in sorted(fields):
            value = fields[fieldname]
            if value is None:
                continue
            field, kind, _boost, scorable, stored, column = self._fields[fieldname]
            length = 0
            if kind is not None:
                terms = postings.get(fieldname)
                if terms is None:
                    terms = postings[fieldname] = {}
                if kind is _TEXT:
                    length = analysis.add_postings(value, docnum, terms)
                elif kind is _WHOLE:
                    length = 1
                    found = terms.get(value)
                    if found is None:
                        terms[value] = array("I", (docnum,))
                    else:
                        found.append(docnum)
                else:
                    codes = _SPACES.findall(value)
                    length = len(codes)
                    if length == 1:
                        counts = {codes[0]: 1}
                    else:  # a few codes: counted in a loop (a Counter costs more to make)
                        counts = {}
                        for code in codes:
                            counts[code] = counts.get(code, 0) + 1
                    for word, freq in counts.items():
                        found = terms.get(word)
                        if found is None:
                            terms[word] = array("I", (docnum, freq))
                        else:
                            found.append(docnum)
                            found.append(freq)
                if scorable and length:  # Whoosh's add_field: a length byte, the field's total
                    lbyte = length_to_byte(length)
                    self._fieldlengths[fieldname] = self._fieldlengths.get(fieldname, 0) + length
                    self._column_values(_lenfield(fieldname), LENGTHS_COLUMN)[docnum] = lbyte
            if stored:
                perdocwriter._storedfields[fieldname] = value
            if column:
                self._column_values(fieldname, column)[docnum] = field.to_column_value(value)
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _start_field(self, fieldname: str, field) -> None:
        fw = self.fieldwriter
        fw.start_field(fieldname, field)
        whoosh_writer = fw._postwriter
        fw._postwriter = _BlockPostingsWriter(
            whoosh_writer._postfile,
            whoosh_writer._blocklimit,
            byteids=whoosh_writer._byteids,
            compression=whoosh_writer._compression,
            inlinelimit=whoosh_writer._inlinelimit,
        )

    def _column_values(self, name: str, column) -> dict[int, Any]:
        """The values of a per-document column by docnum, the column created in the
        segment where Whoosh creates it (at its first value: the files' order)."""
        found = self._columns.get(name)
        if found is None:
            self.perdocwriter._create_column(name, column)
            found = self._columns[name] = (column, {})
        return found[1]

    def _write_columns(self) -> None:
        """Each column as Whoosh's writer leaves it: every document's value packed
        big-endian up to the last that is not the column's default, the default
        where a document has none; and the fields' total lengths."""
        perdoc = self.perdocwriter
        for name, (column, values) in self._columns.items():
            default = column._default
            values = {d: v for d, v in values.items() if v != default}
            count = max(values, default=-1) + 1
            packed = array(column._typecode, [default]) * count
            for docnum, value in values.items():
                packed[docnum] = value
            if not _BIG_ENDIAN and packed.itemsize > 1:
                packed.byteswap()
            writer = perdoc._get_column(name)
            writer._dbfile.write(packed.tobytes())
            writer._count = count
        for fieldname, total in self._fieldlengths.items():
            perdoc._fieldlengths[fieldname] += total

    def _flush_segment(self):
        """Write the postings term by term, a whole block at a time: the block
        Whoosh's `add_posting` would have gathered one posting at a time (ids,
        weights, values, length bounds), then its own `_write_block`."""
        self._write_columns()
        self.perdocwriter.close()
        fw = self.fieldwriter
        if not isinstance(fw._postfile.file, io.BytesIO):  # a file on disk
            _spooled(fw._postfile)
            _spooled(fw._tindex.dbfile)
        postings = self.pool.postings
        for fieldname in sorted(f for f, terms in postings.items() if terms):
            field, kind, boost = self._fields[fieldname][:3]
            self._start_field(fieldname, field)
            # docnum -> its length byte, for a field with lengths (the column's values)
            lengths = self._columns.get(_lenfield(fieldname), (None, {}))[1]
            terms = postings[fieldname]
            for word in sorted(terms):
                self._write_term(fw, word.encode("utf-8"), terms[word], kind, boost, lengths)
            fw.finish_field()
        self.fieldwriter.close()

    @staticmethod
    def _write_term(
        fw, tbytes: bytes, postings: array, kind: str | None, boost: float, lengths: dict
    ) -> None:
        """One term's postings, a block of Whoosh's block size at a time."""
        writer = fw._postwriter
        limit = writer._blocklimit
        whole = kind is _WHOLE
        step = 1 if whole else 2  # numbers a posting
        if len(postings) <= limit * step:
            _write_one_block(fw, tbytes, postings, whole, boost, lengths)
            return
        fw.start_term(tbytes)
        for start in range(0, len(postings), limit * step):
            if start:
                writer._write_block()  # the previous block was full
            end = start + limit * step
            docnums = postings[start:end:step]
            writer._ids = docnums
            if whole:
                writer._weights = array("f", [boost]) * len(docnums)
                writer._maxweight = max(boost, 0)
            else:
                freqs = postings[start + 1 : end : 2]
                writer._weights = array("f", freqs if boost == 1.0 else [f * boost for f in freqs])
                writer._maxweight = max(max(freqs) * boost, 0)
                if not _BIG_ENDIAN:
                    freqs.byteswap()
                writer._packed_values = freqs.tobytes()  # pack_uint of each, joined
            if lengths:  # a scorable field: every document with the term has a length
                found = itemgetter(*docnums)(lengths) if len(docnums) > 1 else (lengths[docnums[0]],)
                writer._minlength, writer._maxlength = byte_to_length(min(found)), byte_to_length(max(found))
        fw.finish_term()

    def commit_segments(self, segments: list) -> None:
        """Commit `segments` (written by other processes) as the whole index."""
        if self._added:
            segments = [*segments, self._finalize_segment()]
        else:
            self._close_segment()
        self._commit_toc(segments)
        self._finish()


def _index_share(storage, indexname: str, share: Callable[[], Iterable[dict]], results, parent: int) -> None:
    """In an indexing process: write one segment with the documents of `share`."""
    _die_with_parent(parent)
    # This process only adds documents and exits: what it inherited stays out of the
    # collector's walks (no copy-on-write of the parent's pages for them) and nothing
    # it builds needs collecting before it ends.
    gc.freeze()
    gc.disable()
    try:
        writer = _BulkWriter(storage.open_index(indexname), _lk=False)
        count = 0
        for doc in share():
            writer.add_document(**doc)
            count += 1
        if count:
            segment = writer._finalize_segment()
        else:
            writer._close_segment()
            segment = None
        results.put(("ok", segment, count))
    except BaseException:
        import traceback

        results.put(("error", traceback.format_exc(), 0))
        raise


def _index_in_processes(ix, shares: Sequence[Callable[[], Iterable[dict]]]) -> tuple[list, int]:
    """Each share read and indexed by its own forked process (no documents cross
    between processes): the segments they wrote, and how many documents."""
    import multiprocessing
    import queue

    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    parent = os.getpid()
    children = [
        ctx.Process(
            target=_index_share,
            args=(ix.storage, ix.indexname, share, results, parent),
            name=f"search-reindex-{n}",
            daemon=True,
        )
        for n, share in enumerate(shares)
    ]
    segments, count = [], 0
    try:
        for child in children:
            child.start()
        waiting = len(children)
        while waiting:
            try:
                status, payload, n = results.get(timeout=1.0)
            except queue.Empty:
                if any(c.exitcode not in (None, 0) for c in children):
                    raise RuntimeError("an indexing process died") from None
                continue
            if status != "ok":
                raise RuntimeError(f"an indexing process failed:\n{payload}")
            waiting -= 1
            count += n
            if payload is not None:
                segments.append(payload)
        for child in children:
            child.join()
    except BaseException:
        for child in children:
            if child.is_alive():
                child.kill()
            child.join()
        raise
    return segments, count


def _replace(writer, docs: list[dict], delete_keys: Iterable[str]) -> None:
    """Delete the documents of `delete_keys` and the older versions of `docs`, then
    add `docs`: Whoosh's `update_document` and `delete_by_term` open a reader of
    every segment per call (milliseconds each at 10,000 documents, minutes for an
    import); here one searcher serves every deletion of the batch."""
    with writer.searcher() as searcher:
        for key in (*delete_keys, *(doc["key"] for doc in docs)):
            writer.delete_by_term("key", key, searcher=searcher)
    for doc in docs:
        writer.add_document(**doc)


def _commit(writer, commit: Callable[[], None]) -> None:
    """Run a writer's commit; when it fails half-way (a full disk), release what
    Whoosh leaves held (its lock: every later writer would wait for it) and its
    temporary files, and raise."""
    try:
        commit()
    except BaseException:
        if not writer.is_closed:
            with contextlib.suppress(Exception):
                writer._tempstorage.destroy()
            if writer.writelock is not None:
                with contextlib.suppress(Exception):
                    writer.writelock.release()
            writer.is_closed = True
        raise


class _TryLock:
    """A lock that answers at once, as Whoosh's file locks do (a RamStorage lock
    waits for ever when acquired without arguments, so a writer's timeout never ran)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def acquire(self, blocking: bool = False) -> bool:
        return self._lock.acquire(blocking)

    def release(self) -> None:
        self._lock.release()


class _MemoryStorage(RamStorage):
    """Whoosh's in-memory storage (tests, evaluations), with its writers' temporary
    files in a folder of their own. Whoosh's puts them in one folder of the
    machine's temporary directory (listings.tmp), the same for every process, which
    each writer empties and removes when it finishes: two processes committing at
    once deleted each other's files. Here that folder is inside one made for this
    storage, removed with it."""

    def __init__(self) -> None:
        super().__init__()
        self._temp_root = tempfile.mkdtemp(prefix="rsm-index-")
        weakref.finalize(self, shutil.rmtree, self._temp_root, True)

    def temp_storage(self, name=None):
        return FileStorage(os.path.join(self._temp_root, name or f"{os.urandom(8).hex()}.tmp")).create()

    def lock(self, name):
        if name not in self.locks:
            self.locks[name] = _TryLock()
        return self.locks[name]


class IndexUnavailable(Exception):
    """The index cannot answer now (missing, being rebuilt, or broken)."""


def is_index_failure(err: BaseException) -> bool:
    """Did reading the index files fail (truncated, deleted, garbled), as opposed
    to a mistake in our own code? Judged by the error's type and by where it was
    raised: inside Whoosh."""
    if isinstance(err, OSError | EOFError | struct.error | zlib.error | pickle.UnpicklingError):
        return True
    tb = err.__traceback__
    last = None
    while tb is not None:
        last = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    return last is not None and f"{os.sep}whoosh{os.sep}" in last


def _close_abandoned_files() -> None:
    """Whoosh leaves the files of a reader it failed to open to the garbage
    collector; collect them now, without a ResourceWarning for each."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


class SearchIndex:
    def __init__(
        self,
        directory: str | None,
        in_memory: bool = False,
        lock_timeout: float = 5.0,
        background_rebuild: bool = True,
        procs: int = 1,
    ):
        self.directory = Path(directory or "search-index")  # not used when in_memory
        self.in_memory = in_memory
        self.lock_timeout = lock_timeout
        self.background_rebuild = background_rebuild and not in_memory
        self.procs = procs
        self._lock = threading.RLock()
        self._ix = None
        self._searcher: Searcher | None = None
        self._pid = os.getpid()
        self._pending: set[str] = set()  # keys whose last write failed
        self._rebuilding: threading.Thread | None = None
        self.needs_rebuild = False

    # ------------------------------------------------------------ opening

    def _storage(self):
        if self.in_memory:
            return _MemoryStorage()
        self.directory.mkdir(parents=True, exist_ok=True)
        return FileStorage(str(self.directory))

    def _version_ok(self) -> bool:
        if self.in_memory:
            return True
        try:
            version = (self.directory / _VERSION_FILE).read_text().strip()
        except OSError:
            return False
        # An index without its feed watermark cannot tell what it is missing.
        return version == str(VERSION) and (self.directory / _FEED_FILE).is_file()

    def _write_version(self) -> None:
        if not self.in_memory:
            (self.directory / _VERSION_FILE).write_text(str(VERSION))

    @contextlib.contextmanager
    def _create_lock(self):
        """Held while deciding to replace a missing or broken index, so that two
        workers never delete each other's fresh files."""
        if self.in_memory:
            yield
            return
        import fcntl

        path = self.directory.parent / f".{self.directory.name}.lock"
        with open(path, "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _open_readable(self, storage):
        """The index, read through (None when there is none); raises when it cannot be read."""
        if not whoosh_index.exists(storage, indexname=INDEX_NAME):
            return None
        ix = whoosh_index.open_dir(str(self.directory), indexname=INDEX_NAME)
        ix.searcher().close()  # reads the segment files: fails early when broken
        return ix

    def _open_while_writers_wait(self, storage):
        """Open the index holding Whoosh's write lock (waiting up to the lock timeout
        for a writer to finish), so a commit in progress cannot look like a missing or
        broken index; None when there is none, raises when it still cannot be read."""

        lock = storage.lock(f"{INDEX_NAME}_WRITELOCK")
        deadline = time.monotonic() + self.lock_timeout
        while not lock.acquire(blocking=False):
            if time.monotonic() > deadline:
                raise LockError("the search index stayed locked by a writer")
            time.sleep(0.05)
        try:
            return self._open_readable(storage)
        finally:
            lock.release()

    def _writer_busy(self, storage) -> bool:
        lock = storage.lock(f"{INDEX_NAME}_WRITELOCK")
        if lock.acquire(blocking=False):
            lock.release()
            return False
        return True

    def _open(self):
        """The Whoosh index, created empty (and flagged for a rebuild) when it is
        missing, unreadable or written by another version of the document builder.

        The version file is written when a rebuild completes, so an index whose
        rebuild was killed half-way is seen as missing, never as complete."""
        if self._pid != os.getpid():  # forked: never share file handles with the parent
            self._ix, self._searcher, self._pid = None, None, os.getpid()
        if self._ix is not None:
            return self._ix
        analysis.segmenter()  # load jieba before any reader or writer needs it
        if self.in_memory:
            self._ix = _MemoryStorage().create_index(make_schema(), indexname=INDEX_NAME)
            self.needs_rebuild = True  # built from the database on first use
            return self._ix
        with self._create_lock():
            storage = self._storage()
            ix = None
            # Whoosh leaves the files of a reader it failed to open to the garbage
            # collector, which finds them when the error is dropped: no warning for each.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ResourceWarning)
                try:
                    try:
                        ix = self._open_readable(storage)
                    except Exception:
                        # Another process may have committed (and removed the old
                        # table of contents or segment files) between our listing the
                        # folder and reading them: look again while no one can commit.
                        ix = self._open_while_writers_wait(storage)
                except LockError:
                    raise  # a writer holds it past the timeout: busy, not broken
                except Exception as err:
                    log.error(
                        "search index at %s is unreadable (%s: %s); it will be rebuilt",
                        self.directory,
                        type(err).__name__,
                        str(err),
                    )
                    ix = None
                    del err
                gc.collect()
            if ix is not None and self._version_ok():
                self.needs_rebuild = False
            elif ix is not None and self._writer_busy(storage):
                self.needs_rebuild = True  # another process is rebuilding it: leave its files alone
            else:
                if ix is None:
                    log.warning("search index at %s is missing or unreadable: rebuilding it", self.directory)
                ix = self._create(storage)
                self.needs_rebuild = True
        self._ix = ix
        return ix

    def _create(self, storage):
        """Drop whatever is left of a broken index and create an empty one, holding
        Whoosh's write lock: a writer in another process (its temporary files are in
        this folder too) is never cut off half-way; LockError while one writes."""
        lock_name = f"{INDEX_NAME}_WRITELOCK"
        lock = storage.lock(lock_name)
        if not lock.acquire(blocking=False):
            raise LockError("another process is writing the search index")
        try:
            for name in os.listdir(self.directory):
                path = self.directory / name
                if name == lock_name:
                    continue  # held (fcntl) by us now; never stale after a crash
                if path.is_file():
                    path.unlink(missing_ok=True)
                else:
                    shutil.rmtree(path, ignore_errors=True)
            return storage.create_index(make_schema(), indexname=INDEX_NAME)
        finally:
            lock.release()

    def reset(self) -> None:
        """Forget the open index and searcher (after the files were replaced)."""
        with self._lock:
            if self._searcher is not None:
                with contextlib.suppress(Exception):
                    self._searcher.close()
            self._ix, self._searcher = None, None

    # ------------------------------------------------------------ searching

    @contextlib.contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """The worker's searcher, refreshed when the index has a newer generation.

        Held under a lock: `refresh()` closes what the old searcher no longer
        needs, so two threads must not search and refresh at once. Raises
        IndexUnavailable while the index is missing or being rebuilt."""
        with self._lock:
            try:
                ix = self._open()
                if self.needs_rebuild:
                    self.start_rebuild()
                    if self.needs_rebuild:
                        raise IndexUnavailable("the search index is being rebuilt")
                if self._pending:
                    self._retry_pending()
                s = self._searcher
                if s is None:
                    s = ix.searcher()
                elif not s.up_to_date():
                    s = s.refresh()
                self._searcher = s
            except IndexUnavailable:
                raise
            except LockError as err:  # another process holds it: busy, not broken
                raise IndexUnavailable(str(err)) from err
            except Exception as err:
                self.broken(err)
                raise IndexUnavailable(str(err)) from err
            yield s

    def broken(self, err: BaseException) -> None:
        """The index failed while reading: rebuild it from the database."""
        log.error("search index failed (%s: %s); rebuilding it", type(err).__name__, str(err))
        with self._lock:
            self.reset()
            _close_abandoned_files()
            if not self.in_memory:
                with contextlib.suppress(OSError):
                    (self.directory / _VERSION_FILE).unlink()
            self.needs_rebuild = True

    @property
    def rebuilding(self) -> bool:
        return self.needs_rebuild or (self._rebuilding is not None and self._rebuilding.is_alive())

    # ------------------------------------------------------------ writing

    def _writer(self, timeout: float | None = None):
        return self._open().writer(timeout=self.lock_timeout if timeout is None else timeout, delay=0.05)

    def write(
        self, docs: Iterable[dict], delete_keys: Iterable[str] = (), timeout: float | None = None
    ) -> None:
        """Add or replace `docs` and delete `delete_keys`, in one commit.

        Raises LockError when another process holds the lock past the timeout."""
        docs, delete_keys = list(docs), list(delete_keys)
        if not docs and not delete_keys:
            return
        with self._lock:
            writer = self._writer(timeout)
            try:
                _replace(writer, docs, delete_keys)
            except BaseException:
                writer.cancel()
                raise
            _commit(writer, writer.commit)

    def update(self, keys: Iterable[str]) -> bool:
        """Bring the documents of `keys` up to date from the database (after commit).

        Returns False when the write failed; the keys are then kept and retried by
        this worker's next write or search (and `reindex` repairs them in any case)."""
        keys = set(keys) | self._pending
        if not keys:
            return True
        try:
            with self._lock:
                self._open()
                if self.needs_rebuild:
                    self.start_rebuild()  # reads the database after this commit
                    if not self.needs_rebuild:
                        self._pending = set()
                        return True
                    raise IndexUnavailable("the search index is being rebuilt")
            assert self.loader is not None, "set by init_app"
            docs, deletions = self.loader(sorted(keys))
            self.write(docs, deletions)
        except Exception as err:
            self._pending = keys
            if isinstance(err, LockError | IndexUnavailable):
                log.error(
                    "search index busy (%s): %d record(s) not indexed yet, will retry "
                    "(`flask --app wsgi reindex` repairs it)",
                    type(err).__name__,
                    len(keys),
                )
            else:
                log.exception("indexing %d record(s) failed; run `flask --app wsgi reindex`", len(keys))
            return False
        self._pending = set()
        return True

    def _retry_pending(self) -> None:
        keys, self._pending = self._pending, set()
        try:
            assert self.loader is not None, "set by init_app"
            docs, deletions = self.loader(sorted(keys))
            self.write(docs, deletions, timeout=0)
        except Exception:
            self._pending |= keys  # still locked or failing: keep them for later

    # ------------------------------------------------------------ rebuilding

    def rebuild(
        self,
        docs: Iterable[dict],
        procs: int | None = None,
        timeout: float | None = None,
        force: bool = True,
        state: FeedState | None = None,
        shares: Sequence[Callable[[], Iterable[dict]]] | None = None,
    ) -> int:
        """Replace the whole index with `docs` in one commit (no old segment is
        kept). Readers keep their old generation until they refresh.

        With `shares` (`documents.shares`) and a file index, each share is read and
        indexed by its own process instead (one segment each), `docs` unused.
        Only Whoosh's write lock is held while documents are added, so this
        worker's searches go on (falling back to the database while
        `needs_rebuild`). Unless `force`, a rebuild that finds another process has
        just completed one does nothing. `state` is the feed's state taken before
        the documents were read (`feed.start_state`): saved with the index once it
        commits, so the next search applies only the changes made since."""
        procs = self.procs if procs is None else procs
        with self._lock:
            ix = self._open()
        writer = _BulkWriter(ix, timeout=self.lock_timeout if timeout is None else timeout, delay=0.1)
        if not force and not self.in_memory and self._version_ok():
            writer.cancel()
            with self._lock:
                self.needs_rebuild = False
            return 0
        count = 0
        try:
            if not self.in_memory:
                (self.directory / _VERSION_FILE).unlink(missing_ok=True)
                (self.directory / _FEED_FILE).unlink(missing_ok=True)
            if shares and procs > 1 and not self.in_memory:
                segments, count = _index_in_processes(ix, shares)
            else:
                segments = []
                for doc in docs:
                    writer.add_document(**doc)
                    count += 1
        except BaseException:
            writer.cancel()
            raise
        _commit(writer, lambda: writer.commit_segments(segments))
        with self._lock:
            self.set_feed_state(state or FeedState())
            self._write_version()
            self.needs_rebuild = False
        return count

    def start_rebuild(self) -> None:
        """Rebuild from the database: now, or in a background thread for a file
        index (a request must not wait minutes; callers fall back meanwhile)."""
        rebuild_from_db = self.rebuild_from_db
        if rebuild_from_db is None:
            return
        if not self.background_rebuild:
            rebuild_from_db(False)
            return
        if self._rebuilding is not None and self._rebuilding.is_alive():
            return

        def run():
            started = time.monotonic()
            try:
                n = rebuild_from_db(True)
                log.info("search index rebuilt: %d documents in %.1f s", n, time.monotonic() - started)
            except LockError:
                log.info("search index: another process holds the lock for too long; will retry")
            except Exception:
                log.exception("rebuilding the search index failed")

        self._rebuilding = threading.Thread(target=run, name="search-rebuild", daemon=True)
        self._rebuilding.start()

    # Set by init_app: rebuild_from_db(in_thread) -> number of documents;
    # loader(keys) -> (documents, keys to delete).
    rebuild_from_db: Callable[[bool], int] | None = None
    loader: Callable[[list[str]], tuple[list[dict], list[str]]] | None = None

    _vectors: Any  # the current searcher's array views (search.service.vectors)

    # ------------------------------------------------------------ the change feed

    _memory_feed_state: FeedState | None = None
    # Set by init_app: the session the feed and the documents are read through.
    session_getter: Callable[[], Session] | None = None
    last_caught_up: float = 0.0  # time.time() of the last pass that found nothing left

    def feed_state(self) -> FeedState | None:
        """How far this index has applied the change feed (None: unknown, rebuild)."""
        if self.in_memory:
            return self._memory_feed_state
        return FeedState.load(self.directory / _FEED_FILE)

    def set_feed_state(self, state: FeedState) -> None:
        if self.in_memory:
            self._memory_feed_state = state
        else:
            state.save(self.directory / _FEED_FILE)

    def catch_up(self, timeout: float | None = None, max_batches: int = 50) -> int:
        """Apply the feed's changes past this index's watermark, in commits of up to
        `feed.BATCH` records. Returns how many changes were applied.

        Raises LockError when another process holds the index past `timeout` (it is
        then applying the same changes); IndexUnavailable while the index is rebuilt."""
        if self.session_getter is None or self.loader is None:
            return 0
        with self._lock:
            self._open()
            if self.needs_rebuild:
                self.start_rebuild()
                if self.needs_rebuild:
                    raise IndexUnavailable("the search index is being rebuilt")
        session = self.session_getter()
        applied = 0
        for _ in range(max_batches):
            state = self.feed_state()
            if state is None:  # being rebuilt by another process, or from before the feed
                with self._lock:
                    self.needs_rebuild = True
                    self.start_rebuild()
                raise IndexUnavailable("the search index is being rebuilt")
            batch = feedmod.next_batch(session, state)
            if batch.pruned:  # changes this index never applied were pruned from the feed
                log.warning("the index is behind the pruned feed: rebuilding it from the database")
                with self._lock:
                    if not self.in_memory:  # so that the rebuild is not skipped as already done
                        (self.directory / _VERSION_FILE).unlink(missing_ok=True)
                    self.needs_rebuild = True
                    self.start_rebuild()
                    if self.needs_rebuild:
                        raise IndexUnavailable("the search index is being rebuilt")
                continue
            if not batch.rows and batch.state == state:
                self.last_caught_up = time.time()
                break
            with self._lock:
                writer = self._writer(timeout)
                try:
                    if self.feed_state() != state:  # another worker of this host moved on
                        writer.cancel()
                        continue
                    docs, deletions = self.loader(sorted(batch.keys))
                    _replace(writer, docs, deletions)
                except BaseException:
                    writer.cancel()
                    raise
                if docs or deletions:
                    _commit(writer, writer.commit)
                else:
                    writer.cancel()
                # Saved after the commit: killed in between, the rows are applied again.
                self.set_feed_state(batch.state)
            applied += batch.rows
        return applied

    def lag(self) -> tuple[int, float]:
        """(changes in the feed this index has not applied, age in seconds of the oldest)."""
        assert self.session_getter is not None, "set by init_app"
        return feedmod.behind(self.session_getter(), self.feed_state())

    # ------------------------------------------------------------ checking

    def keys(self) -> set[str]:
        """Keys of every live document (read directly, even while flagged for a rebuild)."""
        with self._lock:
            ix = self._open()
        with ix.searcher() as s:
            return {fields["key"] for fields in s.reader().all_stored_fields()}
