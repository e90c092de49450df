# The rlm sandbox worker: a persistent Python REPL driven by the Rust host.
#
# It runs inside the OS sandbox (Landlock, seccomp, rlimits, no capabilities, an unprivileged uid);
# this script adds the runtime layer: restricted builtins, an import hook and an `open` limited to
# the scratch folder. Protocol messages travel over fd 3 (host -> worker) and fd 4 (worker -> host)
# as frames: 4-byte big-endian length, then UTF-8 JSON. User code may write fd 1 and 2 freely; the
# host never reads protocol from them.
import _json
import builtins as _b
import io as _io
import os as _os
import signal as _signal
import sys as _sys
import time as _time


# JSON through the C accelerator directly: the `json` package imports `re`, which would double
# the worker's start-up time. `traceback` is imported on the first error for the same reason.
class _JsonCtx:
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float
    memo = {}


_scan = _json.make_scanner(_JsonCtx())
_encode = _json.make_encoder(
    None, repr, _json.encode_basestring, None, ":", ",", False, False, True
)


def _loads(text):
    return _scan(text, 0)[0]


def _dumps(value):
    return "".join(_encode(value, 0))


_RD = _io.FileIO(3, "rb", closefd=True)
_WR = _io.FileIO(4, "wb", closefd=True)
_CONF = _loads(_sys.argv[1])
_SCRATCH = _os.path.realpath(_CONF["scratch"])
_BLOCKED = frozenset(_CONF["blocked_modules"])
_OUT_KEEP = int(_CONF["output_keep_bytes"])
_OUT_KILL = int(_CONF["output_kill_bytes"])
_BLOCKED_ATTRS = frozenset(_CONF["blocked_attributes"])
_real_open = _io.open
_real_import = _b.__import__
del _sys.argv[1:]


def _read_exact(n):
    parts = []
    while n > 0:
        chunk = _RD.read(n)
        if not chunk:
            raise EOFError("host closed the channel")
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def _recv():
    size = int.from_bytes(_read_exact(4), "big")
    return _loads(_read_exact(size).decode("utf-8"))


def _send(msg):
    data = _dumps(msg).encode("utf-8", "surrogatepass").decode("utf-8", "replace").encode("utf-8")
    buf = len(data).to_bytes(4, "big") + data
    view = memoryview(buf)
    while view:
        n = _WR.write(view)
        view = view[n:]


class _Stop(BaseException):
    """Raised into user code when the sandbox stops a step (output limit)."""


class _Capture:
    """A per-step stdout/stderr: keeps the head, counts the rest, stops runaway output."""

    def __init__(self, shared):
        self.parts = []
        self.kept = 0
        self.total = 0
        self.shared = shared

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        n = len(s.encode("utf-8", "replace"))
        self.shared["total"] += n
        self.total += n
        if self.kept < _OUT_KEEP:
            self.parts.append(s)
            self.kept += n
        if self.shared["total"] > _OUT_KILL:
            self.shared["stopped"] = True
            raise _Stop("output limit")
        return len(s)

    def flush(self):
        pass

    def isatty(self):
        return False

    def text(self):
        return "".join(self.parts)

    @property
    def encoding(self):
        return "utf-8"


def _check_module(name):
    top = name.split(".", 1)[0]
    if name in _BLOCKED or top in _BLOCKED:
        raise ImportError(
            "import of '%s' is blocked by the sandbox; work on `context` and scratch files instead"
            % name
        )


def _guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
    if level != 0:
        raise ImportError("relative imports are not available in the sandbox")
    _check_module(name)
    for item in fromlist or ():
        if isinstance(item, str):
            _check_module(name + "." + item)
            if item.startswith("_") and item != "__all__":
                raise ImportError("importing private name '%s' is blocked by the sandbox" % item)
    module = _real_import(name, globals, locals, fromlist, level)
    if name == "io" or name.startswith("io."):
        return _SafeIO
    return module


class _SafeIOType:
    """The parts of `io` that touch no file: in-memory streams only."""

    StringIO = _io.StringIO
    BytesIO = _io.BytesIO

    def __getattr__(self, name):
        raise AttributeError("io.%s is not available in the sandbox (use open() in scratch)" % name)


_SafeIO = _SafeIOType()


def _inside_scratch(path):
    if isinstance(path, bytes):
        path = path.decode("utf-8", "surrogateescape")
    if not isinstance(path, str):
        raise PermissionError("open() takes a path inside the scratch folder, not a file descriptor")
    full = _os.path.realpath(_os.path.join(_SCRATCH, path))
    if full != _SCRATCH and not full.startswith(_SCRATCH + _os.sep):
        raise PermissionError("open() is limited to the scratch folder: %r is outside it" % path)
    return full


def _safe_open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None):
    full = _inside_scratch(file)
    return _real_open(full, mode, buffering, encoding, errors, newline)


def _dunder(name):
    return isinstance(name, str) and (
        (name.startswith("__") and name.endswith("__") and name not in _SAFE_DUNDERS)
        or name in _BLOCKED_ATTRS
    )


_SAFE_DUNDERS = frozenset(["__name__", "__doc__", "__len__", "__init__", "__qualname__"])


def _safe_getattr(obj, name, *default):
    if _dunder(name):
        raise AttributeError("attribute '%s' is blocked by the sandbox" % name)
    return getattr(obj, name, *default)


def _safe_hasattr(obj, name):
    if _dunder(name):
        raise AttributeError("attribute '%s' is blocked by the sandbox" % name)
    return hasattr(obj, name)


def _safe_setattr(obj, name, value):
    if _dunder(name):
        raise AttributeError("attribute '%s' is blocked by the sandbox" % name)
    return setattr(obj, name, value)


def _safe_delattr(obj, name):
    if _dunder(name):
        raise AttributeError("attribute '%s' is blocked by the sandbox" % name)
    return delattr(obj, name)


def _refused(name):
    def refuse(*args, **kwargs):
        raise PermissionError("%s() is not available in the sandbox" % name)

    refuse.__name__ = name
    return refuse


# ---- host calls ----------------------------------------------------------------------------


class HostCallError(Exception):
    """A host call (llm_query, rlm_query, retrieve, callers, ...) failed on the host's side."""


def _host_call(name, args):
    _send({"op": "call", "name": name, "args": args})
    reply = _recv()
    if reply.get("op") != "reply":
        raise HostCallError("protocol error: expected a reply to %s" % name)
    if reply.get("ok"):
        return reply.get("value")
    raise HostCallError(str(reply.get("error")))


def llm_query(prompt):
    """Ask a sub-model one question; returns its answer as a string."""
    return _host_call("llm_query", {"prompt": str(prompt)})


def llm_query_batched(prompts):
    """Ask a sub-model several independent questions; returns the answers in order."""
    return _host_call("llm_query_batched", {"prompts": [str(p) for p in prompts]})


def rlm_query(prompt, context=None):
    """Run a nested RLM on `context` (default: none) and return its answer."""
    return _host_call(
        "rlm_query", {"prompt": str(prompt), "context": None if context is None else str(context)}
    )


def retrieve(question, k=5):
    """Retrieve the `k` passages of the workspace most relevant to `question`."""
    return _host_call("retrieve", {"question": str(question), "k": int(k)})


def callers(name, depth=1):
    """Who calls the function `name` ("f", "Class.method"), from the workspace's code graph,
    to `depth` levels: dicts with name, container, kind, defined_at, path, lines, confidence
    ("resolved" or "by_name"), depth and definition (the callee's path:line)."""
    return _host_call("callers", {"name": str(name), "depth": int(depth)})


def callees(name, depth=1):
    """What the function `name` calls, from the code graph, to `depth` levels (dicts as callers())."""
    return _host_call("callees", {"name": str(name), "depth": int(depth)})


def references(name, guesses=True):
    """Every use of the definitions named `name`: dicts with path, line, col, kind, confidence,
    enclosing and definition; guesses=False keeps only the resolved ones."""
    return _host_call("references", {"name": str(name), "guesses": bool(guesses)})


def repo_map(tokens=1024):
    """The workspace's most central definitions (PageRank over the code graph) as text: files,
    each with signatures and line numbers, within `tokens` tokens."""
    return _host_call("repo_map", {"tokens": int(tokens)})


# ---- finishing -----------------------------------------------------------------------------

_final = {}


def FINAL(value):
    """Finish the run with `value` as the answer."""
    _final["value"] = str(value)
    return value


def FINAL_VAR(name):
    """Finish the run with the value of the variable named `name` as the answer."""
    if not isinstance(name, str):
        raise TypeError("FINAL_VAR takes the variable's name as a string")
    if name not in _ns:
        raise NameError("FINAL_VAR: no variable named %r" % name)
    _final["value"] = str(_ns[name])
    return _ns[name]


def SHOW_VARS():
    """The user variables defined so far, with their types."""
    out = {}
    for key, value in _ns.items():
        if key.startswith("_") or key in _PROVIDED:
            continue
        out[key] = type(value).__name__
    return out


# ---- namespace -----------------------------------------------------------------------------

_REMOVED = {
    "eval", "exec", "compile", "breakpoint", "input", "help", "exit", "quit", "memoryview",
    "globals", "locals", "vars", "copyright", "credits", "license",
}
_safe_builtins = {k: v for k, v in vars(_b).items() if k not in _REMOVED and not k.startswith("_")}
for _name in ("eval", "exec", "compile", "breakpoint", "input", "globals", "locals", "vars"):
    _safe_builtins[_name] = _refused(_name)
_safe_builtins.update(
    {
        "__import__": _guarded_import,
        "__build_class__": _b.__build_class__,
        "__name__": "__rlm__",
        "open": _safe_open,
        "getattr": _safe_getattr,
        "hasattr": _safe_hasattr,
        "setattr": _safe_setattr,
        "delattr": _safe_delattr,
    }
)

_ns = {}
_PROVIDED = {}


def _reset_namespace():
    _ns.clear()
    _PROVIDED.clear()
    _PROVIDED.update(
        {
            "llm_query": llm_query,
            "llm_query_batched": llm_query_batched,
            "rlm_query": rlm_query,
            "retrieve": retrieve,
            "callers": callers,
            "callees": callees,
            "references": references,
            "repo_map": repo_map,
            "FINAL": FINAL,
            "FINAL_VAR": FINAL_VAR,
            "SHOW_VARS": SHOW_VARS,
            "HostCallError": HostCallError,
        }
    )
    _ns.update(_PROVIDED)
    _ns["__builtins__"] = _safe_builtins
    _ns["__name__"] = "__rlm__"
    _ns["answer"] = {"content": "", "ready": False}
    _ns["context"] = ""


_reset_namespace()

# Names the host may never overwrite with `set_var`: the host calls, the finishing functions and
# the variables the loop itself manages.
_RESERVED = frozenset(list(_PROVIDED) + ["context", "answer"] + list(_safe_builtins))


def _user_traceback(exc):
    import traceback as _tb

    frames = [f for f in _tb.extract_tb(exc.__traceback__) if f.filename == "<step>"]
    lines = ["Traceback (most recent call last):\n"]
    lines += _tb.format_list(frames)
    lines += _tb.format_exception_only(type(exc), exc)
    return "".join(lines)


def _run_step(code):
    shared = {"total": 0, "stopped": False}
    out, err = _Capture(shared), _Capture(shared)
    old = (_sys.stdout, _sys.stderr)
    _sys.stdout, _sys.stderr = out, err
    _final.clear()
    error = None
    stop = None
    start = _time.perf_counter()
    try:
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)
        compiled = compile(code, "<step>", "exec")
        exec(compiled, _ns)
    except _Stop:
        stop = "output"
    except KeyboardInterrupt:
        stop = "timeout"
    except MemoryError as exc:
        stop = "memory"
        error = {"type": "MemoryError", "message": str(exc), "traceback": ""}
    except SyntaxError as exc:
        import traceback as _tb

        error = {
            "type": "SyntaxError",
            "message": str(exc),
            "traceback": "".join(_tb.format_exception_only(type(exc), exc)),
        }
    except BaseException as exc:  # user code may raise anything, SystemExit included
        try:
            error = {"type": type(exc).__name__, "message": str(exc), "traceback": _user_traceback(exc)}
        except BaseException:
            error = {"type": "Exception", "message": "unprintable exception", "traceback": ""}
    finally:
        _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
        _sys.stdout, _sys.stderr = old
        # A step that assigned to a provided name (`callers = callers("f")`) keeps its value
        # for that step only: the next step finds the host calls and FINAL again.
        _ns.update(_PROVIDED)
    if shared["stopped"]:
        stop = "output"
    answer = _ns.get("answer")
    answer_state = None
    if isinstance(answer, dict):
        try:
            answer_state = {"content": str(answer.get("content", "")), "ready": answer.get("ready") is True}
        except BaseException:
            answer_state = None
    return {
        "op": "done",
        "stdout": out.text(),
        "stderr": err.text(),
        "stdout_total": out.total,
        "stderr_total": err.total,
        "error": error,
        "stop": stop,
        "final": _final.get("value"),
        "answer": answer_state,
        "elapsed_us": int((_time.perf_counter() - start) * 1e6),
    }


def _main():
    _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
    _send({"op": "ready", "pid": _os.getpid()})
    while True:
        try:
            msg = _recv()
        except EOFError:
            return
        op = msg.get("op")
        if op == "exec":
            _send(_run_step(msg["code"]))
        elif op == "load_context":
            start = _time.perf_counter()
            path = _inside_scratch(msg["path"])
            with _real_open(path, "r", encoding="utf-8", errors="replace") as f:
                _ns["context"] = f.read()
            _os.unlink(path)
            _send({"op": "loaded", "chars": len(_ns["context"]), "elapsed_us": int((_time.perf_counter() - start) * 1e6)})
        elif op == "set_var":
            name = msg.get("name")
            if not isinstance(name, str) or not name.isidentifier() or name.startswith("_") or name in _RESERVED:
                _send({"op": "error", "message": "cannot set variable %r: not a free identifier" % (name,)})
            else:
                _ns[name] = msg.get("value")
                _send({"op": "set", "name": name})
        elif op == "show_vars":
            _send({"op": "vars", "vars": SHOW_VARS()})
        elif op == "reset":
            _reset_namespace()
            _send({"op": "reset"})
        else:
            _send({"op": "error", "message": "unknown op %r" % op})


_main()
