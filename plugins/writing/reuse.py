"""Pages whose inputs are unchanged are not rendered again.

While a page renders, what its templates read is noted: the variables they
resolve, the attributes of the site's items (news articles and pages,
programs, talks, series) they read, and the items they hand to Python
helpers (``item_versions(article)``, ``program.url(lang)``). Each value
read is kept as a digest. After the build, each writing process keeps its
pages' records in the cache folder, a file each (pages belong to the same
process while the number of processes stays the same); the next build's
processes each load their own.

The next build into the same folder reads each value again before it
renders a page. Where every value is the same, the templates, plugins,
settings and installed packages are the same, and the file is as that
build left it (size and modification time), the page is not rendered or
written: the file on disk is the one the build would write.

Items are the cut points: a value holding an item is digested by the
item's key, and only the attributes a template reads of it count, so a
list of five thousand articles costs one key each, and an article's page
does not depend on the text of the articles it links to. A helper given an
item may read all of it and the items it refers to (an article's
translations): that item's whole state counts, one level deep.

A value that cannot be digested the same way in two processes (an object
known only by its address) leaves its page unrecorded: it is rendered
every build. What this does not see: a Python filter or helper that is
given a list of items (not an item) and reads them; the theme has none,
and ``tests/test_rebuilds.py`` compares kept pages with a build from
scratch after a series of changes.
"""

import contextlib
import dataclasses
import enum
import hashlib
import logging
import os
import types
import zlib
from datetime import date, datetime, time
from functools import cache, partial
from importlib.metadata import distributions

from jinja2 import Environment, Template
from jinja2.runtime import Context, Macro, missing
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join

from . import pickles

logger = logging.getLogger(__name__)

RECORDS = "pages-{folder:08x}-"  # in CACHE_PATH, then the process's number
MISSING = b"missing"
PLAIN = (str, int, float, bool, type(None))  # arguments a method can be called with again
SCALARS = (int, float, bytes, type(None))  # bool is an int

# Settings that change how a build runs, not what it writes.
RUN_SETTINGS = frozenset(
    {
        "CACHE_CONTENT",
        "CACHE_PATH",
        "CHECK_MODIFIED_METHOD",
        "CONTENT_CACHING_LAYER",
        "DELETE_OUTPUT_DIRECTORY",
        "GZIP_CACHE",
        "LOAD_CONTENT_CACHE",
        "OUTPUT_PATH",
        "SEARCH_INDEX",  # its one effect on pages, search_status, is read as a variable
        "WRITE_SELECTED",
        "WRITING_WORKERS",
        "READING_WORKERS",
        "READING_MIN_FILES",
    }
)


class UnrecordableError(ValueError):
    """A value read by a page has no digest that another process would agree on."""


def item_key(value):
    """The key of one of the site's items, or None for any other value.

    Pelican's content (news articles, pages) by file and language; the YAML
    content types by their ``item_key`` property.
    """
    if not is_item(value):
        return None
    if isinstance(value, Content):
        return ("content", type(value).__name__, value.source_path, value.lang)
    return value.item_key


_item_types = {}  # type -> whether its instances are items


def is_item(value):
    kind = type(value)
    known = _item_types.get(kind)
    if known is None:
        known = _item_types[kind] = issubclass(kind, Content) or isinstance(
            getattr(kind, "item_key", None), property
        )
    return known


def _hash(*parts):
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part if isinstance(part, bytes) else str(part).encode())
        digest.update(b"\0")
    return digest.digest()


@cache
def _fields(kind):
    """A dataclass's field names (``dataclasses.fields`` is slow to ask every time)."""
    return tuple(field.name for field in dataclasses.fields(kind))


class Digests:
    """Digests of the values pages read in one build, and the items met on the way."""

    def __init__(self, settings=None):
        self.memo = {}  # id -> (value, digest); the value kept so that its id is not reused
        self.texts = {}  # (type, text) -> digest: most texts are read by many pages
        self.items = {}  # key -> item
        self.ambiguous = set()  # keys two items share
        self._active = set()  # ids being digested (a cycle is unrecordable)
        if settings is not None:  # digested without the settings that change no page
            self.memo[id(settings)] = (settings, settings_digest(self, settings))

    def register(self, key, item):
        if self.items.setdefault(key, item) is not item:
            self.ambiguous.add(key)

    def of(self, value):
        """The digest of ``value``: the same value gives the same digest in any process."""
        if isinstance(value, str):  # Markup and str escape differently: the type counts
            key = (type(value), value)
            digest = self.texts.get(key)
            if digest is None:
                digest = self.texts[key] = _hash(type(value).__name__, value)
            return digest
        # Compound values and items are digested once a build (kept, so that their ids stay theirs).
        memo = self.memo.get(id(value))
        if memo is not None:
            return memo[1]
        if isinstance(value, SCALARS):
            return _hash(type(value).__name__, repr(value))
        if isinstance(value, (datetime, date, time)):
            return _hash(type(value).__name__, value.isoformat(), getattr(value, "tzinfo", ""))
        key = item_key(value)
        if key is not None:
            self.register(key, value)
            digest = _hash("item", repr(key))
        elif id(value) in self._active:
            raise UnrecordableError(f"a {type(value).__name__} that refers back to itself")
        else:
            self._active.add(id(value))
            try:
                digest = self._compound(value)
            finally:
                self._active.discard(id(value))
        self.memo[id(value)] = (value, digest)
        return digest

    def _compound(self, value):
        kind = type(value)
        name = f"{kind.__module__}.{kind.__qualname__}"
        if isinstance(value, (list, tuple)):
            return _hash(name, *map(self.of, value))
        if isinstance(value, dict):
            return _hash(name, *(self.of(k) + self.of(v) for k, v in value.items()))
        if isinstance(value, (set, frozenset)):
            return _hash(name, *sorted(map(self.of, value)))
        if isinstance(value, enum.Enum):
            return _hash(name, self.of(value.value))
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
            return _hash(name, value.__module__, value.__qualname__)
        if isinstance(value, types.ModuleType):
            return _hash(name, value.__name__)
        if isinstance(value, types.MethodType):
            return _hash(name, self.of(value.__func__), self.of(value.__self__))
        if isinstance(value, partial):
            return _hash(name, self.of(value.func), self.of(value.args), self.of(value.keywords))
        if isinstance(value, URLWrapper):  # tags, categories, authors: caches in __dict__
            return _hash(name, value.name, value.slug)
        if dataclasses.is_dataclass(value):
            return _hash(name, *(self.of(getattr(value, field)) for field in _fields(kind)))
        if hasattr(value, "__dict__"):
            return _hash(name, self.of(vars(value)))
        text = repr(value)
        if " at 0x" in text or " object at " in text:
            raise UnrecordableError(f"a {name} known only by its address")
        return _hash(name, text)

    def state(self, item, referred=True):
        """The whole of ``item`` and, if ``referred``, of the items it refers to."""
        fields = {
            name: value
            for name, value in vars(item).items()
            if name not in ("_context", "settings")  # the whole site; the settings count apart
        }
        others = []
        digest = self._with_items(fields, others)
        if not referred:
            return _hash("state", digest)
        return _hash("state", digest, *(self.state(o, False) for o in others if o is not item))

    def _with_items(self, value, referred):
        """``of(value)``, noting the items met (in lists and maps) in ``referred``."""
        if is_item(value):
            referred.append(value)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for element in value:
                self._with_items(element, referred)
        elif isinstance(value, dict):
            for element in value.values():
                self._with_items(element, referred)
        return self.of(value)


def settings_digest(digests, settings):
    return _hash(
        "settings",
        *(
            digests.of(name) + digests.of(value)
            for name, value in sorted(settings.items())
            if name not in RUN_SETTINGS
        ),
    )


def code_digest(settings, theme=True):
    """A digest of the code a result depends on: the plugins and the
    installed packages this process runs, and the theme as it is now.

    A running process (`make serve`) keeps the plugins it imported, whatever
    their files say later; Jinja reads templates again when they change.
    """
    digest = hashlib.blake2b(_running_code(tuple(settings.get("PLUGIN_PATHS", []))), digest_size=16)
    if theme:
        _digest_files(digest, settings["THEME"])
    return digest.digest()


@cache
def _running_code(folders):
    """The plugins' files and the installed packages, read once a process."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in folders:
        _digest_files(digest, folder)
    digest.update(_packages())
    return digest.digest()


def _digest_files(digest, folder):
    """Add the files under ``folder`` (Python's caches aside) to ``digest``."""
    for path, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(names):
            with open(os.path.join(path, name), "rb") as source:
                digest.update(os.path.join(path, name).encode() + b"\0" + source.read())


@cache
def _packages():
    """The installed packages and their versions (those this process runs cannot change)."""
    return "\n".join(sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions())).encode()


class Reads:
    """What one page's templates read while it renders."""

    def __init__(self, variables, environment):
        self.variables, self.environment = variables, environment
        self.names = {}  # name -> whether it was found
        self.attributes = {}  # (key, op, attribute) -> (item, value)
        self.deep = {}  # key -> item handed to Python code

    def attribute(self, item, op, attribute, value):
        self.attributes.setdefault((item_key(item), op, attribute), (item, value))

    def call(self, function, args, kwargs, result):
        owner = getattr(function, "__self__", None)
        if not (is_item(owner) or any(map(is_item, args)) or any(map(is_item, kwargs.values()))):
            return  # most calls: _("..."), helpers given plain values
        # Jinja passes the loop's and block's variables too, which are not arguments.
        kwargs = {k: v for k, v in kwargs.items() if k not in ("_loop_vars", "_block_vars")}
        plain = all(isinstance(value, PLAIN) for value in (*args, *kwargs.values()))
        if is_item(owner) and plain:  # program.url(lang): called again to check
            call = (function.__name__, args, tuple(sorted(kwargs.items())))
            self.attribute(owner, "call", call, result)
            return
        for value in (owner, *args, *kwargs.values()):
            if is_item(value):
                self.deep.setdefault(item_key(value), value)


_reading = [None]  # the Reads of the page rendering in this process


def _getattr(environment, obj, attribute):
    value = Environment.getattr(environment, obj, attribute)
    if _reading[0] is not None and is_item(obj):
        _reading[0].attribute(obj, "a", attribute, value)
    return value


def _getitem(environment, obj, argument):
    value = Environment.getitem(environment, obj, argument)
    if _reading[0] is not None and is_item(obj):
        _reading[0].attribute(obj, "i", argument, value)
    return value


def read_again(environment, item, op, attribute):
    if op == "call":
        name, args, kwargs = attribute
        return getattr(item, name)(*args, **dict(kwargs))
    getter = Environment.getattr if op == "a" else Environment.getitem
    return getter(environment, item, attribute)


class RecordingContext(Context):
    def resolve_or_missing(self, key):
        value = super().resolve_or_missing(key)
        reads = _reading[0]
        if reads is not None and not reads.names.get(key):
            reads.names[key] = value is not missing
        return value

    def call(__self, __obj, *args, **kwargs):  # Jinja's own signature
        result = super().call(__obj, *args, **kwargs)
        # A macro is template code: its own reads are noted.
        if _reading[0] is not None and not isinstance(__obj, Macro):
            _reading[0].call(__obj, args, kwargs, result)
        return result


class RecordingTemplate(Template):
    """A template that renders through this build's ``Pages``, if any."""

    def render(self, *args, **kwargs):
        pages = _pages[0]
        if pages is None or _reading[0] is not None:
            return super().render(*args, **kwargs)
        # Pelican passes one dict, made for this page: no copy needed.
        plain = len(args) == 1 and not kwargs and isinstance(args[0], dict)
        return pages.render(self, args[0] if plain else dict(*args, **kwargs), super().render)


def install(environment):
    """Have a generator's Jinja environment note what its templates read."""
    environment.getattr = types.MethodType(_getattr, environment)
    environment.getitem = types.MethodType(_getitem, environment)
    environment.context_class = RecordingContext
    environment.template_class = RecordingTemplate


_pages = [None]  # the Pages of the build writing in this process


def use(pages):
    """Render through ``pages`` (None: plainly) from now on; returns the ones used until now."""
    used, _pages[0] = _pages[0], pages
    return used


@dataclasses.dataclass
class Record:
    names: tuple  # ((name, digest), ...)
    reads: tuple  # ((key, op, attribute), ...) in the order first read
    stat: tuple = ()  # (size, mtime_ns) of the file as written


class Pages:
    """One writing process's records: those of the last build, and this build's."""

    def __init__(self, settings, output):
        self.output = output
        self.digests = Digests(settings)
        self.code = code_digest(settings)
        folder = zlib.crc32(os.path.abspath(output).encode())
        self.prefix = os.path.join(settings["CACHE_PATH"], RECORDS.format(folder=folder))
        self.previous = {}  # name -> (Record, {read: digest}) of the last build
        self.records, self.read_digests = {}, {}  # this build's
        # One object for each read, and each (variable, digest), however many
        # pages hold it: pickled once (records took 17 MB, and 0.3 s to load).
        self.canonical = {}
        self.current = {}  # read -> its digest now, as checked
        self.kept = set()  # paths of the files not written again
        self.rendered = 0

    def load(self, worker):
        """The last build's records of writing process ``worker`` (each
        process writes, and loads, the records of its own pages)."""
        loaded = pickles.load(f"{self.prefix}{worker}.pickle", length=3)
        if loaded is None:
            return
        code, records, read_digests = loaded
        if code == self.code:
            self.previous = {page: (record, read_digests) for page, record in records.items()}

    def render(self, template, variables, render):
        name = variables.get("output_file")
        if not name:
            return render(variables)
        previous = self.previous.get(name)
        environment = template.environment
        if previous is not None and self._unchanged(name, *previous, variables, environment):
            record, read_digests = previous
            self.kept.add(sanitised_join(self.output, name))
            self.records[name] = record
            self.read_digests.update((read, read_digests[read]) for read in record.reads)
            return ""  # never written: SharedWriter opens no file for a kept page
        reads = Reads(variables, environment)
        _reading[0] = reads
        try:
            text = render(variables)
        finally:
            _reading[0] = None
        self.rendered += 1
        with contextlib.suppress(UnrecordableError):
            self._record(name, reads)
        return text

    def counts(self):
        return {"rendered": self.rendered, "kept": len(self.kept)}

    def _name_digest(self, name, variables, environment):
        if name in variables:
            return self.digests.of(variables[name])
        if name in environment.globals:
            return self.digests.of(environment.globals[name])
        return None

    def _unchanged(self, name, record, read_digests, variables, environment):
        try:
            stat = os.stat(sanitised_join(self.output, name))
        except OSError:
            return False
        if (stat.st_size, stat.st_mtime_ns) != record.stat:
            logger.debug("%s: rendered again, the file changed since", name)
            return False
        try:
            for variable, digest in record.names:
                if (self._name_digest(variable, variables, environment) or MISSING) != digest:
                    logger.debug("%s: rendered again, %s changed", name, variable)
                    return False
            for read in record.reads:
                if self._read_now(read, environment) != read_digests.get(read):
                    logger.debug("%s: rendered again, %s changed", name, read)
                    return False
        except Exception:  # a value that cannot be read again has changed
            logger.debug("%s: rendered again, a value cannot be read", name, exc_info=True)
            return False
        return True

    def _read_now(self, read, environment):
        digest = self.current.get(read)
        if digest is None:
            key, op, attribute = read
            item = self.digests.items.get(key)
            if item is None or key in self.digests.ambiguous:
                return None
            if op == "deep":
                digest = self.digests.state(item)
            else:
                digest = self.digests.of(read_again(environment, item, op, attribute))
            self.current[read] = digest
        return digest

    def _record(self, name, reads):
        names = []
        for variable, found in reads.names.items():
            digest = self._name_digest(variable, reads.variables, reads.environment)
            if digest is None and not found:
                digest = MISSING
            if digest is not None:  # else a variable the templates set themselves
                names.append(self.canonical.setdefault((variable, digest), (variable, digest)))
        # An item's values are the same on every page of a build: each is digested once.
        known = self.read_digests
        for read, (_, value) in reads.attributes.items():
            if read not in known:
                known[read] = self.digests.of(value)
        for key, item in reads.deep.items():
            if (key, "deep", None) not in known:
                known[(key, "deep", None)] = self.digests.state(item)
        read_list = [*reads.attributes, *((key, "deep", None) for key in reads.deep)]
        read_list = [self.canonical.setdefault(read, read) for read in read_list]
        self.records[name] = Record(tuple(names), tuple(read_list))

    def save(self, worker, workers):
        """Keep this build's records, with the files as they are now; the
        first of ``workers`` processes drops those of processes no longer run."""
        for name, record in self.records.items():
            if not record.stat:
                with contextlib.suppress(OSError):
                    stat = os.stat(sanitised_join(self.output, name))
                    record.stat = (stat.st_size, stat.st_mtime_ns)
        records = {name: record for name, record in self.records.items() if record.stat}
        pickles.save(f"{self.prefix}{worker}.pickle", (self.code, records, self.read_digests))
        folder, prefix = os.path.split(self.prefix)
        for name in os.listdir(folder) if worker == 0 else ():
            number = name.removeprefix(prefix).removesuffix(".pickle")
            if name.startswith(prefix) and number.isdigit() and int(number) >= workers:
                os.remove(os.path.join(folder, name))
