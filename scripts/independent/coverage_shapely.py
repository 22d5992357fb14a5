#!/usr/bin/python3
"""Independent reference implementation of service-area coverage (shapely/GEOS, pyproj/PROJ, GeographicLib).

It shares no code with the TypeScript engine (src/lib/engine/) and exists to check it.
Run it with Debian's /usr/bin/python3 (apt: python3-shapely python3-pyproj python3-geographiclib).

Spec
----
* Dataset folder: dataset.json (`center: [lon, lat]`), residential.geojson (Polygon/MultiPolygon
  features with properties id, name, population, ...), facilities.geojson (Point features with
  properties id, category, status in existing|under_construction|planned).
* Counted facilities: category in the query's categories and status `existing`, or any status with
  --include-planned. Proposals (--proposals, a FeatureCollection of Points) count whenever their
  category matches, whatever their status.
* Service circle of radius R: a 64-gon. Vertex i lies at WGS84 geodesic distance R*f from the
  facility (Karney, GeographicLib Direct) at azimuth (360 - i*360/64) mod 360 degrees clockwise from
  north, f = sqrt(2*pi / (64*sin(2*pi/64))) ~ 1.000804, so the 64-gon's area is pi*R^2.
  Edges are straight lines in the local projection below.
* Local projection for every geometry and area:
  +proj=laea +lat_0=<center lat> +lon_0=<center lon> +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs
* Per residential area: project it, make_valid + unary_union it; uncovered = area - union(circles);
  areas in m^2 in the projection. coveredShare = 1 - uncovered/area,
  uncoveredPopulation = population * uncovered/area (area 0: share 1, nothing uncovered).

Output: {"query": {...}, "areas": [{"id", "areaM2", "uncoveredAreaM2", "coveredShare",
"uncoveredPopulation"}, ...]} sorted by id; areas rounded to 0.01 m^2, shares to 1e-6,
populations to 0.01.
"""
import argparse
import json
import math
import numbers
import os
import sys
import warnings

import pyproj
import shapely
from geographiclib.geodesic import Geodesic
from shapely.geometry import Polygon, shape
from shapely.ops import transform, unary_union
from shapely.strtree import STRtree
from shapely.validation import make_valid

try:
    from shapely.geos import geos_version_string as GEOS_VERSION  # shapely 1.8
except ImportError:
    from shapely import geos_version_string as GEOS_VERSION  # shapely 2

VERTICES = 64
RADIUS_FACTOR = math.sqrt(2 * math.pi / (VERTICES * math.sin(2 * math.pi / VERTICES)))


def load(path):
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f)


def local_projection(center):
    lon0, lat0 = center
    laea = f"+proj=laea +lat_0={lat0} +lon_0={lon0} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
    return pyproj.Transformer.from_crs("EPSG:4326", laea, always_xy=True)


def service_circle(lon, lat, radius_m, forward):
    """The 64-gon of the spec around (lon, lat), in projected metres."""
    ring = []
    for i in range(VERTICES):
        azimuth = (360 - i * 360 / VERTICES) % 360
        d = Geodesic.WGS84.Direct(lat, lon, azimuth, radius_m * RADIUS_FACTOR)
        ring.append(forward.transform(d["lon2"], d["lat2"]))
    return Polygon(ring)


def project_area(geometry, forward):
    """Projected, valid, unified residential geometry (each polygon made valid, then all unioned)."""
    geom = transform(forward.transform, shape(geometry))
    parts = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    return unary_union([p for part in parts for p in polygons_of(make_valid(part))])


def polygons_of(geom):
    """Polygonal parts of a geometry (make_valid may also return collapsed lines and points)."""
    if geom.geom_type == "Polygon":
        return [geom]
    if geom.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [p for g in geom.geoms for p in polygons_of(g)]
    return []


def counted_facilities(features, categories, include_planned):
    for feature in features:
        props = feature["properties"]
        if props["category"] in categories and (include_planned or props["status"] == "existing"):
            yield feature


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="dataset folder")
    parser.add_argument("--categories", required=True, help="comma-separated facility categories")
    parser.add_argument("--radius", required=True, type=float, help="service radius R in metres")
    parser.add_argument("--include-planned", action="store_true")
    parser.add_argument("--proposals", help="FeatureCollection of proposed Points")
    parser.add_argument("--rule", default="custom", help="rule id recorded in the output only")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    categories = [c.strip() for c in args.categories.split(",") if c.strip()]
    meta = load(os.path.join(args.data, "dataset.json"))
    forward = local_projection(meta["center"])

    facilities = list(counted_facilities(load(os.path.join(args.data, "facilities.geojson"))["features"], categories, args.include_planned))
    if args.proposals:
        facilities += [p for p in load(args.proposals)["features"] if p["properties"].get("category") in categories]
    circles = [service_circle(*f["geometry"]["coordinates"][:2], args.radius, forward) for f in facilities]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # shapely 1.8 warns that STRtree changes in 2.0; reaching() handles both
        tree = STRtree(circles) if circles else None

    def reaching(geom):
        """Circles meeting geom (STRtree.query returns geometries in shapely 1.8, indices in 2.x)."""
        hits = [circles[h] if isinstance(h, numbers.Integral) else h for h in tree.query(geom)] if tree else []
        return [c for c in hits if c.intersects(geom)]

    areas = []
    for feature in load(os.path.join(args.data, "residential.geojson"))["features"]:
        props = feature["properties"]
        geom = project_area(feature["geometry"], forward)
        area = geom.area
        circles_here = reaching(geom)
        uncovered = geom.difference(unary_union(circles_here)).area if circles_here else area
        uncovered = min(uncovered, area)
        uncovered_share = uncovered / area if area > 0 else 0.0
        areas.append({
            "id": str(props["id"]),
            "areaM2": round(area, 2),
            "uncoveredAreaM2": round(uncovered, 2),
            "coveredShare": round(1 - uncovered_share, 6),
            "uncoveredPopulation": round(props["population"] * uncovered_share, 2),
        })
    areas.sort(key=lambda a: a["id"])

    query = {
        "data": args.data,
        "rule": args.rule,
        "categories": categories,
        "radiusM": args.radius,
        "includePlanned": args.include_planned,
        "proposals": args.proposals,
        "countedFacilities": len(facilities),
        "tool": f"coverage_shapely.py (shapely {shapely.__version__}, GEOS {GEOS_VERSION}, "
        f"pyproj {pyproj.__version__}, PROJ {pyproj.proj_version_str}, geographiclib)",
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"query": query, "areas": areas}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    total = sum(a["uncoveredAreaM2"] for a in areas)
    print(f"{len(areas)} areas, {len(facilities)} facilities counted, uncovered {total:.2f} m² -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
