"""The code's layers, read from its imports: no module of the project imports itself back through others, and no
read module (selectors, counts) imports a write module (services).

Every import counts, a function's late import too: a late import hides a circle from Python, not from the reader.
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ("emulation", "campaigns", "awards", "reports")
SKIPPED = {"tests", "migrations", "management"}
READ_MODULES = ("selectors", "counts")


def _modules():
    """{dotted name: path} of the apps' code (tests, migrations and commands aside)."""
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if SKIPPED & set(path.relative_to(ROOT).parts):
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _targets(name, path, node, modules):
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        parts = package.split(".")
        base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
    else:
        base = node.module
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]


def import_graph():
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        imports = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                imports.update(t for t in _targets(name, path, node, modules) if t in modules and t != name)
        graph[name] = imports
    return graph


def circles(graph):
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def reads_importing_writes(graph):
    """{read module: the services modules it imports}, for the read modules that import one."""
    reads = [name for name in graph if set(name.split(".")) & set(READ_MODULES)]
    found = {name: sorted(t for t in graph[name] if "services" in t.split(".")) for name in reads}
    return {name: targets for name, targets in found.items() if targets}


def test_no_module_imports_itself_back():
    assert circles(import_graph()) == []


def test_no_read_module_imports_a_write_module():
    graph = import_graph()
    assert len([name for name in graph if set(name.split(".")) & set(READ_MODULES)]) >= 5  # they were found
    assert reads_importing_writes(graph) == {}


def test_the_walk_sees_a_circle_and_a_read_importing_a_write():
    """The two checks above can fail: a circle and a forbidden import made up for the walk are found."""
    graph = {"a.services": {"a.tasks"}, "a.tasks": {"a.services"}, "a.selectors": {"a.services"}}
    assert circles(graph) == [["a.services", "a.tasks"]]
    assert reads_importing_writes(graph) == {"a.selectors": ["a.services"]}
