"""The alliance network laid out for drawing: organisations as nodes, events as edges.

Positions are computed here, once, with networkx: each connected component gets a spring layout of
its own (a seed fixes it: the same events, the same picture), and the components are packed in
rows, the largest first, into a box of the drawing's proportions. A graph of many small
components — most alliance networks — then fills the box instead of scattering around one
cluster. Above MAX_NODES organisations the network keeps those with the most events (and the
--org ones) and says how many it leaves out.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

import networkx as nx

WIDTH, HEIGHT = 1100.0, 620.0     # the SVG's viewBox (about the shape it is shown in)
MARGIN = 28.0
MAX_NODES = 400                   # a 50-300 node network stays readable; more are left out, by fewest events
LABELLED = 60                     # at most this many nodes named on the drawing (the rest on hover and focus)
LABEL_EM = 14.0                   # the labels' font size, in viewBox units
SEED = 12
PARALLEL_STEP = 9.0               # px between parallel edges of one pair
GROWTH = 0.62                     # a component's width grows with its nodes to this power (0.5: equal density)
MIN_RADIUS, MAX_RADIUS = 3.5, 22.0
PADDING = 1.4                     # around each component, in units of its layout (a pair is 2.2 wide)


@dataclass(frozen=True, slots=True)
class EdgeIn:
    event_id: str
    source: str
    target: str
    relation: str
    directed: bool
    articles: int


@dataclass(frozen=True, slots=True)
class Node:
    entity_id: str
    x: float
    y: float
    r: float
    events: int
    labelled: bool


@dataclass(frozen=True, slots=True)
class Edge:
    event_id: str
    source: str
    target: str
    relation: str
    directed: bool
    width: float
    path: str        # SVG path data


@dataclass(frozen=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]
    width: float
    height: float
    left_out_nodes: int
    left_out_edges: int


def radius(events: int, most: int, nodes: int, width: float = WIDTH, height: float = HEIGHT) -> float:
    """A node's radius: its area grows with its events, relative to the busiest node; the largest
    fits the room each node has (a 300-node network gets smaller dots than a 30-node one)."""
    room = math.sqrt((width - 2 * MARGIN) * (height - 2 * MARGIN) / max(nodes, 1))
    largest = min(max(room * 0.3, MIN_RADIUS * 2), MAX_RADIUS)
    return round(MIN_RADIUS + (largest - MIN_RADIUS) * math.sqrt(events / max(most, 1)), 1)


def edge_width(articles: int) -> float:
    return round(min(1.2 + 0.9 * (articles - 1), 7.0), 1)


def choose_nodes(edges: Sequence[EdgeIn], focus: Iterable[str] = (), limit: int = MAX_NODES) -> dict[str, int]:
    """Node → events, for at most `limit` nodes: the focus first, then the most events."""
    counts: Counter = Counter()
    for e in edges:
        counts[e.source] += 1
        if e.target != e.source:
            counts[e.target] += 1
    chosen = [n for n in focus if n in counts]
    chosen += [n for n in sorted(counts, key=lambda n: (-counts[n], n)) if n not in set(chosen)]
    return {n: counts[n] for n in chosen[:limit]}


def _component_positions(graph: nx.Graph, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """A component's layout, centred on 0 and of radius about 1."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:   # slanted: a row of pairs reads as pairs, not as one chain
        return {nodes[0]: (-0.8, 0.6), nodes[1]: (0.8, -0.6)}
    # a graph of its own, nodes and edges in sorted order: a subgraph view iterates a set, whose order
    # changes with the process's hash seed, and the layout with it
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from(sorted(tuple(sorted(e)) for e in graph.subgraph(nodes).edges))
    pos = nx.spring_layout(sub, seed=SEED, iterations=80 if len(nodes) < 200 else 40)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    scale = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return {n: ((p[0] - cx) / scale, (p[1] - cy) / scale) for n, p in pos.items()}


def _pack(sizes: list[float], aspect: float) -> tuple[list[tuple[float, float]], float, float]:
    """Shelf packing of squares (largest first, as given): each square's centre, and the total size.
    The shelf width is chosen so the result has about the wanted aspect (width / height)."""
    area = sum(s * s for s in sizes)
    shelf = max(max(sizes), math.sqrt(area * aspect))
    best = None
    for attempt in range(12):   # widen until the height fits the aspect
        width = shelf * (1 + 0.08 * attempt)
        centres, x, y, row = [], 0.0, 0.0, 0.0
        for s in sizes:
            if x + s > width and x > 0:
                x, y, row = 0.0, y + row, 0.0
            centres.append((x + s / 2, y + s / 2))
            x += s
            row = max(row, s)
        used_w = max(c[0] + s / 2 for c, s in zip(centres, sizes, strict=True))
        height = y + row
        best = (centres, used_w, height)
        if used_w / height >= aspect * 0.9:
            break
    return best


def layout(edges: Sequence[EdgeIn], focus: Iterable[str] = (), names: dict[str, str] | None = None, *,
           limit: int = MAX_NODES, width: float = WIDTH, height: float = HEIGHT) -> Network:
    """Node positions and edge paths of the network of `edges`; `names` (id → name) decide which
    labels fit."""
    focus = list(focus)
    counts = choose_nodes(edges, focus, limit)
    total_nodes = len({e.source for e in edges} | {e.target for e in edges})
    kept = [e for e in edges if e.source in counts and e.target in counts]
    graph = nx.Graph()
    graph.add_nodes_from(sorted(counts))
    graph.add_edges_from((e.source, e.target) for e in kept if e.source != e.target)
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    # a component's square grows with its number of nodes (and the size of its nodes)
    sizes = [2.2 * len(c) ** GROWTH + PADDING for c in components]
    centres, used_w, used_h = _pack(sizes, (width - 2 * MARGIN) / (height - 2 * MARGIN)) if components else ([], 1, 1)
    scale = min((width - 2 * MARGIN) / used_w, (height - 2 * MARGIN) / used_h) if components else 1.0
    off_x = (width - used_w * scale) / 2
    off_y = (height - used_h * scale) / 2
    positions: dict[str, tuple[float, float]] = {}
    for component, (cx, cy), size in zip(components, centres, sizes, strict=True):
        half = (size - PADDING) / 2
        for n, (x, y) in _component_positions(graph, component).items():
            positions[n] = (round(off_x + (cx + x * half) * scale, 1), round(off_y + (cy + y * half) * scale, 1))
    ranked = sorted(counts, key=lambda n: (-counts[n], n))
    most = max(counts.values(), default=1)
    radii = {n: radius(counts[n], most, len(counts), width, height) for n in ranked}
    labelled = _labelled(ranked, focus, positions, radii, names or {})
    nodes = [Node(n, *positions[n], radii[n], counts[n], n in labelled) for n in ranked]
    return Network(nodes, _edges(kept, positions, {n.entity_id: n.r for n in nodes}), width, height,
                   total_nodes - len(counts), len(edges) - len(kept))


def _labelled(ranked: list[str], focus: list[str], positions: dict[str, tuple[float, float]],
              radii: dict[str, float], names: dict[str, str]) -> set[str]:
    """Nodes whose name is drawn: the focus, then the most events first, each only where its label
    overlaps no label drawn already (the others show theirs on hover and focus)."""
    boxes: list[tuple[float, float, float, float]] = []
    chosen: set[str] = set()
    for n in [*[f for f in focus if f in positions], *ranked]:
        if n in chosen or (len(chosen) >= LABELLED and n not in focus):
            continue
        x, y = positions[n]
        half = LABEL_EM * max(2, sum(1.0 if ord(c) > 0x2E7F else 0.6 for c in names.get(n, n))) / 2
        bottom = y - radii[n] - 1
        box = (x - half, bottom - LABEL_EM * 1.2, x + half, bottom)
        if n in focus or all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in boxes):
            boxes.append(box)
            chosen.add(n)
    return chosen


def _edges(edges: Sequence[EdgeIn], positions: dict[str, tuple[float, float]], radii: dict[str, float]) -> list[Edge]:
    """Edge paths: a straight line for a single event of a pair, arcs side by side for several; an
    arrow (directed relations) ends at the target's rim."""
    pairs: dict[tuple[str, str], list[EdgeIn]] = defaultdict(list)
    for e in edges:
        pairs[tuple(sorted((e.source, e.target)))].append(e)
    out = []
    for (a, _b), group in sorted(pairs.items()):
        group.sort(key=lambda e: e.event_id)
        for k, e in enumerate(group):
            bend = (k - (len(group) - 1) / 2) * PARALLEL_STEP
            if e.source != a:        # one orientation for the whole pair, so the arcs do not cross
                bend = -bend
            out.append(Edge(e.event_id, e.source, e.target, e.relation, e.directed, edge_width(e.articles),
                            _path(positions[e.source], positions[e.target], bend,
                                  radii[e.target] + 2.5 if e.directed else 0.0)))
    return out


def _path(p: tuple[float, float], q: tuple[float, float], bend: float, shorten: float) -> str:
    (x1, y1), (x2, y2) = p, q
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    nx_, ny_ = -dy / length, dx / length          # unit normal
    mx, my = (x1 + x2) / 2 + nx_ * bend * 2, (y1 + y2) / 2 + ny_ * bend * 2
    if shorten:
        tx, ty = x2 - mx, y2 - my
        t_len = math.hypot(tx, ty) or 1.0
        cut = min(shorten, t_len * 0.45)
        x2, y2 = x2 - tx / t_len * cut, y2 - ty / t_len * cut
    if not bend:
        return f"M{x1:.1f} {y1:.1f}L{x2:.1f} {y2:.1f}"
    return f"M{x1:.1f} {y1:.1f}Q{mx:.1f} {my:.1f} {x2:.1f} {y2:.1f}"
