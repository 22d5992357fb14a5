import { booleanPointInPolygon } from '@turf/turf';
import type { Position } from 'geojson';
import { createLocalProjection, type LocalProjection } from '../projection';
import type { Dataset, Facility, ResidentialArea, Unit, UnitLevel } from '../types';

/**
 * Where facilities and residential areas sit among the units.
 * - A residential area belongs to its `community` and every unit above it through `parent` (the data contract).
 * - A facility belongs, at each level, to the unit whose polygon contains its point. A point on a
 *   boundary shared by two units of one level is assigned to the unit whose id sorts first, so every
 *   facility counts in at most one unit per level, deterministically.
 * Distances from facilities to residential areas are planar in the dataset's local equal-area
 * projection (metres; its scale differs from 1 by < 1e-5 within a city).
 */
type PlanarRing = [number, number][];

export class Placement {
	readonly projection: LocalProjection;
	private readonly unitsByLevel = new Map<UnitLevel, Unit[]>();
	private readonly unitById = new Map<string, Unit>();
	private readonly facilityUnits = new Map<string, Map<UnitLevel, string | null>>();
	private readonly areaUnits: Set<string>[];
	private readonly areaRings: PlanarRing[][][] = [];

	constructor(readonly dataset: Dataset) {
		this.projection = createLocalProjection(dataset.meta.center);
		const sorted = [...dataset.units].sort((a, b) => (a.properties.id < b.properties.id ? -1 : a.properties.id > b.properties.id ? 1 : 0));
		for (const unit of sorted) {
			this.unitById.set(unit.properties.id, unit);
			const list = this.unitsByLevel.get(unit.properties.level) ?? [];
			list.push(unit);
			this.unitsByLevel.set(unit.properties.level, list);
		}
		this.areaUnits = dataset.residential.map((area) => this.chainOf(area.properties.community));
	}

	units(level: UnitLevel): Unit[] {
		return this.unitsByLevel.get(level) ?? [];
	}

	/** The unit and every unit above it through `parent` (cycles stop). */
	private chainOf(unitId: string): Set<string> {
		const chain = new Set<string>();
		let current: string | null = unitId;
		while (current !== null && !chain.has(current)) {
			const unit = this.unitById.get(current);
			if (!unit) break;
			chain.add(current);
			current = unit.properties.parent;
		}
		return chain;
	}

	/** Indexes of the residential areas inside a unit (by the areas' `community` and the parents). */
	areasIn(unitId: string): number[] {
		const result: number[] = [];
		this.areaUnits.forEach((chain, index) => {
			if (chain.has(unitId)) result.push(index);
		});
		return result;
	}

	/** The unit of `level` containing the facility's point, or null (boundary rule in the class comment). */
	unitOf(facility: Facility, level: UnitLevel): string | null {
		const [lon, lat] = facility.geometry.coordinates;
		const key = `${facility.properties.id}|${lon}|${lat}`;
		let byLevel = this.facilityUnits.get(key);
		if (!byLevel) {
			byLevel = new Map();
			this.facilityUnits.set(key, byLevel);
		}
		if (!byLevel.has(level)) {
			const unit = this.units(level).find((candidate) => booleanPointInPolygon([lon, lat], candidate, { ignoreBoundary: false }));
			byLevel.set(level, unit ? unit.properties.id : null);
		}
		return byLevel.get(level) ?? null;
	}

	facilitiesIn(unit: Unit, facilities: Facility[]): Facility[] {
		return facilities.filter((facility) => this.unitOf(facility, unit.properties.level) === unit.properties.id);
	}

	/** Metres from a point to a residential area: 0 inside or on its edge. */
	distanceToArea(point: Position, areaIndex: number): number {
		const area = this.dataset.residential[areaIndex];
		if (booleanPointInPolygon(point as [number, number], area, { ignoreBoundary: false })) return 0;
		const [x, y] = this.projection.forward(point);
		let best = Infinity;
		for (const polygon of this.ringsOf(areaIndex, area)) {
			for (const ring of polygon) {
				for (let i = 0; i + 1 < ring.length; i++) best = Math.min(best, segmentDistance(x, y, ring[i], ring[i + 1]));
			}
		}
		return best;
	}

	private ringsOf(index: number, area: ResidentialArea): PlanarRing[][] {
		let rings = this.areaRings[index];
		if (!rings) {
			const polygons = area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates;
			rings = polygons.map((polygon) => polygon.map((ring) => ring.map((position) => this.projection.forward(position))));
			this.areaRings[index] = rings;
		}
		return rings;
	}
}

function segmentDistance(x: number, y: number, a: [number, number], b: [number, number]): number {
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	const lengthSquared = dx * dx + dy * dy;
	const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / lengthSquared));
	return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}
