"""What the harness uses after a learner's code has run in the same process, captured before any of it runs.

A case process imports the learner's module, runs their code, then writes down what happened, in the same process.
By then the learner's code may have replaced anything it can reach by name: builtins (`builtins.len = ...`),
attributes of modules (`json.dumps`, `os.write`, `sys.settrace`). A learner who does must change only what their
own code sees, never how its result is written down. Two measures see to that:

- `pin_builtins(globals())`, at the top of every module whose code runs in a case process after learner code,
  copies every builtin into that module's globals. A name is looked up in a module's globals before the builtins
  module, so `builtins.str = ...` no longer reaches the harness's `str`.
- The primitives below (attributes of modules and types, which copying names does not cover) are read once, here.

Both happen when the modules are imported, and every harness module is imported before any learner code runs: by
PID 1 before it forks the fork server (so every forked case holds these copies), or by a freshly exec'd case
process before it reads its case (`__main__.py`). Never import a harness module lazily, inside a function that
runs after learner code: it would be imported under the learner's sys.modules, sys.path and builtins.
"""

import builtins
import json
import os
import sys
import time
import traceback

_BUILTINS = {name: value for name, value in vars(builtins).items() if not name.startswith("__")}


def pin_builtins(namespace):
    """Copies every builtin, as it is now, into a module's globals (call it with `globals()`, at import)."""
    namespace.update(_BUILTINS)


str_join = str.join
int_repr = int.__repr__
float_repr = float.__repr__
object_repr = object.__repr__
dict_items = dict.items
bytes_hex = bytes.hex
type_mro = type.__dict__["__mro__"].__get__
type_name = type.__dict__["__name__"].__get__  # a metaclass may fake __name__; this reads the real one
encode_json_string = json.encoder.encode_basestring_ascii
json_loads = json.loads
os_read = os.read
os_write = os.write
os_exit = os._exit
getpid = os.getpid
extract_tb = traceback.extract_tb
setrecursionlimit = sys.setrecursionlimit
settrace = sys.settrace
gettrace = sys.gettrace
setprofile = sys.setprofile
monotonic = time.monotonic
