#!/usr/bin/python3
"""Independent reference for walking reach (networkx shortest paths, shapely/GEOS buffers, pyproj).

It shares no code with the TypeScript engine and exists to check it. Debian's /usr/bin/python3
(apt: python3-networkx python3-shapely python3-pyproj).

Spec (README, "Walking service areas")
* Graph: every distinct vertex of paths.geojson is a node (exact lon/lat); consecutive vertices of a
  line are an undirected edge weighted by its straight length in the local projection
  +proj=laea +lat_0=<center lat> +lon_0=<center lon> +ellps=WGS84 (metres).
* A facility joins the network at the nearest point of the nearest edge; the straight leg (access leg)
  counts. Distances: networkx Dijkstra from a virtual node joined to both ends of that edge.
* Walking service area with budget B and access distance A: union of
  - every reached edge part whose distance d <= B - A, buffered by A (round, 64 segments per quarter), and
  - a disc of radius B - d at every reached node with B - A < d < B and at the joining point when its
    access leg is in that range (no pruning of discs the buffer already holds: the engine prunes them).

Usage: walk_networkx.py <dataset dir> --categories a,b --budget <m> --access <m> [--include-planned]
Output JSON: per facility: id, accessM, reachedNodes (count), sample distances {"lon,lat": d} for up
to 40 nodes, walkAreaM2; and the union over facilities: coveredResidentialM2 (residential areas,
unified, intersected with the union), rounded to 0.01.
"""
import argparse
import json
import math
import sys

import networkx as nx
import pyproj
import shapely
from shapely.geometry import LineString, Point, shape
from shapely.ops import transform, unary_union
from shapely.strtree import STRtree
from shapely.validation import make_valid

try:
    from shapely.geos import geos_version_string as GEOS_VERSION  # shapely 1.8
except ImportError:
    from shapely import geos_version_string as GEOS_VERSION  # shapely 2

QUAD_SEGS = 64



def end_intervals(du, dv, length, widened):
    """Parts of an edge of `length` reached from its ends (at network distances du, dv) with at least
    the access distance of budget left, as (from, to) distances along the edge from its first end."""
    intervals = []
    if du <= widened:
        intervals.append((0.0, min(length, widened - du)))
    if dv <= widened:
        intervals.append((max(0.0, length - (widened - dv)), length))
    return intervals

def load(path):
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f)


def union_walk(graph, xy, segments, edges, nearest_edge, facilities, proj, budget, access):
    """The union of all facilities' walking areas from one multi-source search (same model as above)."""
    g = graph.copy()
    sources = {}
    for i, facility in enumerate(facilities):
        point = Point(proj.transform(*facility["geometry"]["coordinates"][:2]))
        index = nearest_edge(point)
        a, b = edges[index]
        length = graph[a][b]["weight"]
        along = min(max(segments[index].project(point), 0.0), length)
        access_leg = point.distance(segments[index].interpolate(along))
        if access_leg >= budget:
            continue
        node = ("F", i)
        g.add_edge("S", node, weight=access_leg)
        g.add_edge(node, a, weight=along)
        g.add_edge(node, b, weight=max(0.0, length - along))
        sources.setdefault((a, b), []).append((along, access_leg, segments[index].interpolate(along)))
    distances = nx.single_source_dijkstra_path_length(g, "S", cutoff=budget)
    widened = budget - access
    pieces = []
    for u, v in graph.edges():
        du, dv = distances.get(u, math.inf), distances.get(v, math.inf)
        own = sources.get((u, v), []) + [(length_ - s_, c_, p_) for s_, c_, p_ in sources.get((v, u), []) for length_ in [graph[u][v]["weight"]]]
        if min(du, dv) > budget and not own:
            continue
        L = graph[u][v]["weight"]
        intervals = end_intervals(du, dv, L, widened)
        for along, cost, joint in own:
            if cost <= widened:
                spare = widened - cost
                intervals.append((max(0.0, along - spare), min(L, along + spare)))
            elif cost < budget:
                pieces.append(joint.buffer(budget - cost, QUAD_SEGS))
        (ux, uy), (vx, vy) = xy[u], xy[v]
        for s0, s1 in intervals:
            p0 = (ux + (vx - ux) * s0 / L, uy + (vy - uy) * s0 / L)
            p1 = (ux + (vx - ux) * s1 / L, uy + (vy - uy) * s1 / L)
            pieces.append((LineString([p0, p1]) if s1 > s0 else Point(p0)).buffer(access, QUAD_SEGS))
    for node, d in distances.items():
        if not isinstance(node, tuple) and node != "S" and widened < d < budget:
            pieces.append(Point(xy[node]).buffer(budget - d, QUAD_SEGS))
    return unary_union(pieces)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dataset")
    parser.add_argument("--categories", required=True)
    parser.add_argument("--budget", type=float, required=True)
    parser.add_argument("--access", type=float, required=True)
    parser.add_argument("--include-planned", action="store_true")
    parser.add_argument("--max-facilities", type=int, default=100000)
    parser.add_argument("--union-only", action="store_true", help="one multi-source search for the union only (large datasets)")
    args = parser.parse_args()

    meta = load(f"{args.dataset}/dataset.json")
    lon0, lat0 = meta["center"]
    proj = pyproj.Transformer.from_crs(
        "EPSG:4326", f"+proj=laea +lat_0={lat0} +lon_0={lon0} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs", always_xy=True
    )

    graph = nx.Graph()
    xy = {}
    for feature in load(f"{args.dataset}/paths.geojson")["features"]:
        geometry = feature["geometry"]
        lines = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
        for line in lines:
            previous = None
            for lon, lat in (tuple(p[:2]) for p in line):
                key = f"{lon},{lat}"
                if key not in xy:
                    xy[key] = proj.transform(lon, lat)
                if previous is not None and previous != key:
                    (ax, ay), (bx, by) = xy[previous], xy[key]
                    length = math.hypot(bx - ax, by - ay)
                    if not graph.has_edge(previous, key) or graph[previous][key]["weight"] > length:
                        graph.add_edge(previous, key, weight=length)
                previous = key
    edges = list(graph.edges())
    segments = [LineString([xy[a], xy[b]]) for a, b in edges]
    tree = STRtree(segments)
    index_of = {id(segment): i for i, segment in enumerate(segments)}

    def nearest_edge(point):
        # STRtree.nearest gives a nearest geometry; ties are broken by the exact distance over its neighbours.
        near = tree.nearest(point)
        distance = near.distance(point)
        candidates = tree.query(point.buffer(distance + 1e-6))
        return min((index_of[id(c)] for c in candidates), key=lambda i: (segments[i].distance(point), i))

    categories = args.categories.split(",")
    facilities = [
        f for f in load(f"{args.dataset}/facilities.geojson")["features"]
        if f["properties"]["category"] in categories and (args.include_planned or f["properties"]["status"] == "existing")
    ][: args.max_facilities]

    budget, access = args.budget, args.access
    results = []
    areas = []
    if args.union_only:
        areas = [union_walk(graph, xy, segments, edges, nearest_edge, facilities, proj, budget, access)]
        facilities = []
    for facility in facilities:
        point = Point(proj.transform(*facility["geometry"]["coordinates"][:2]))
        index = nearest_edge(point)
        a, b = edges[index]
        segment = LineString([xy[a], xy[b]])
        along = min(max(segment.project(point), 0.0), graph[a][b]["weight"])
        joint = segment.interpolate(along)
        access_leg = point.distance(joint)
        length = graph[a][b]["weight"]
        g = graph.copy()
        g.add_edge("S", a, weight=along)
        g.add_edge("S", b, weight=max(0.0, length - along))
        distances = nx.single_source_dijkstra_path_length(g, "S", cutoff=max(0.0, budget - access_leg))
        distances = {node: d + access_leg for node, d in distances.items() if node != "S"}

        pieces = []
        widened = budget - access
        for u, v in list(graph.edges()) + [(a, b)]:
            du, dv = distances.get(u, math.inf), distances.get(v, math.inf)
            L = graph[u][v]["weight"]
            intervals = end_intervals(du, dv, L, widened)
            if (u, v) == (a, b) and access_leg <= widened:
                spare = widened - access_leg
                intervals.append((max(0.0, along - spare), min(L, along + spare)))
            (ux, uy), (vx, vy) = xy[u], xy[v]
            for s0, s1 in intervals:
                p0 = (ux + (vx - ux) * s0 / L, uy + (vy - uy) * s0 / L)
                p1 = (ux + (vx - ux) * s1 / L, uy + (vy - uy) * s1 / L)
                piece = LineString([p0, p1]) if s1 > s0 else Point(p0)
                pieces.append(piece.buffer(access, QUAD_SEGS))
        for node, d in distances.items():
            if widened < d < budget:
                pieces.append(Point(xy[node]).buffer(budget - d, QUAD_SEGS))
        if widened < access_leg < budget:
            pieces.append(joint.buffer(budget - access_leg, QUAD_SEGS))
        area = unary_union(pieces) if pieces else shapely.geometry.GeometryCollection()
        areas.append(area)
        sample = sorted(distances.items())[:: max(1, len(distances) // 40)][:40]
        results.append({
            "id": facility["properties"]["id"],
            "accessM": round(access_leg, 4),
            "reachedNodes": sum(1 for d in distances.values() if d <= budget),
            "distances": {node: round(d, 4) for node, d in sample},
            "walkAreaM2": round(area.area, 2),
        })

    union = unary_union(areas)
    residential = []
    for feature in load(f"{args.dataset}/residential.geojson")["features"]:
        geometry = transform(proj.transform, shape(feature["geometry"]))
        residential.append(make_valid(geometry).buffer(0))
    covered = sum(geometry.intersection(union).area for geometry in residential)
    json.dump({
        "query": {"categories": categories, "budgetM": budget, "accessM": access, "includePlanned": args.include_planned},
        "facilities": results,
        "coveredResidentialM2": round(covered, 2),
        "networkx": nx.__version__,
        "geos": GEOS_VERSION,
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
