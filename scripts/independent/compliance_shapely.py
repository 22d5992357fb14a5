#!/usr/bin/env python3
"""Independent compliance figures for a dataset, with shapely/GEOS and pyproj (not the engine's code).

Computes, for the existing facilities of the dataset:
  LS-1  childcare places per 1000 residents, whole area and per unit (residential areas belong to their
        community and its parents; a facility to the unit of each level whose polygon covers its point,
        the smallest id winning on a shared boundary — the rule README states);
  HH-6  which communities contain a day-care or service centre;
  HH-5  nursing beds / beds over care homes and medical-care homes;
  LS-2  places per 1000 residents per residential area by a two-step floating catchment within 300 m,
        distances in the dataset's local Lambert azimuthal equal-area projection.
Usage: compliance_shapely.py --data geodata/xichang-demo --out tests/golden/xichang-demo-compliance.json
"""
import argparse
import json
import os

import pyproj
from shapely.geometry import Point, shape
from shapely.ops import transform

CHILDCARE = {'childcare_center', 'kindergarten', 'community_childcare'}
DAYCARE = {'elderly_daycare', 'elderly_service_center'}
INSTITUTIONS = {'care_home', 'medical_care_home'}


def load(directory, name):
    with open(os.path.join(directory, name), encoding='utf-8') as handle:
        return json.load(handle)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--data', required=True)
    parser.add_argument('--out', required=True)
    args = parser.parse_args()
    meta = load(args.data, 'dataset.json')
    units = [(f['properties'], shape(f['geometry'])) for f in load(args.data, 'units.geojson')['features']]
    areas = [(f['properties'], shape(f['geometry'])) for f in load(args.data, 'residential.geojson')['features']]
    facilities = [(f['properties'], Point(f['geometry']['coordinates'])) for f in load(args.data, 'facilities.geojson')['features'] if f['properties']['status'] == 'existing']

    parent = {p['id']: p['parent'] for p, _ in units}

    def chain(unit_id):
        seen = []
        while unit_id is not None and unit_id in parent and unit_id not in seen:
            seen.append(unit_id)
            unit_id = parent[unit_id]
        return seen

    def unit_of(point, level):
        candidates = sorted(p['id'] for p, g in units if p['level'] == level and g.covers(point))
        return candidates[0] if candidates else None

    level_of = {p['id']: p['level'] for p, _ in units}
    population = {p['id']: 0 for p, _ in units}
    for properties, _ in areas:
        for unit_id in chain(properties['community']):
            population[unit_id] += properties['population']
    places = {p['id']: 0 for p, _ in units}
    for properties, point in facilities:
        if properties['category'] not in CHILDCARE:
            continue
        for unit_id in places:
            if unit_of(point, level_of[unit_id]) == unit_id:
                places[unit_id] += properties['capacity']
    total_population = sum(p['population'] for p, _ in areas)
    total_places = sum(p['capacity'] for p, _ in facilities if p['category'] in CHILDCARE)
    ls1 = {
        'total': 1000 * total_places / total_population,
        'units': {unit_id: (1000 * places[unit_id] / population[unit_id] if population[unit_id] else None) for unit_id in places},
    }

    hh6 = {p['id']: any(g.covers(point) and unit_of(point, 'community') == p['id'] for fp, point in facilities if fp['category'] in DAYCARE) for p, g in units if p['level'] == 'community'}

    institutions = [p for p, _ in facilities if p['category'] in INSTITUTIONS]
    hh5 = sum(p['nursingBeds'] for p in institutions) / sum(p['capacity'] for p in institutions)

    lon0, lat0 = meta['center']
    laea = pyproj.Transformer.from_crs('EPSG:4326', f'+proj=laea +lat_0={lat0} +lon_0={lon0} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs', always_xy=True)
    project = lambda geometry: transform(laea.transform, geometry)
    planar_areas = [(p, project(g)) for p, g in areas]
    supply = [0.0] * len(planar_areas)
    for properties, point in facilities:
        if properties['category'] not in CHILDCARE:
            continue
        planar = project(point)
        reached = [i for i, (_, g) in enumerate(planar_areas) if g.distance(planar) <= 300]
        demand = sum(planar_areas[i][0]['population'] for i in reached)
        if demand == 0:
            continue
        for i in reached:
            supply[i] += properties['capacity'] / demand
    ls2 = {p['id']: (1000 * supply[i] if p['population'] else None) for i, (p, _) in enumerate(planar_areas)}

    result = {'method': 'shapely ' + __import__('shapely').__version__ + ', pyproj ' + pyproj.__version__, 'LS-1': ls1, 'HH-6': hh6, 'HH-5': hh5, 'LS-2': ls2}
    with open(args.out, 'w', encoding='utf-8') as handle:
        json.dump(result, handle, ensure_ascii=False, indent=1, sort_keys=True)
        handle.write('\n')


if __name__ == '__main__':
    main()
