import { createLocalProjection } from '../../src/lib/engine/projection';
import type { Dataset, Facility, FacilityCategory, ResidentialArea, Unit } from '../../src/lib/engine/types';

/** Near 西昌: the fixtures sit where the demo does, so projection behaviour matches real use. */
export const CENTER: [number, number] = [102.26, 27.89];
const projection = createLocalProjection(CENTER);

/** A lon/lat ring from metric corners around CENTER (x east, y north), closed, counter-clockwise as given. */
export function ringFromMetres(corners: [number, number][]): [number, number][] {
	const ring = corners.map((corner) => {
		const [lon, lat] = projection.inverse(corner);
		return [lon, lat] as [number, number];
	});
	ring.push(ring[0]);
	return ring;
}

export function square(x: number, y: number, size: number): [number, number][] {
	return ringFromMetres([
		[x, y],
		[x + size, y],
		[x + size, y + size],
		[x, y + size]
	]);
}

export function residential(id: string, ring: [number, number][], population: number, community = 'c1'): ResidentialArea {
	return {
		type: 'Feature',
		geometry: { type: 'Polygon', coordinates: [ring] },
		properties: { id, name: `${id} 小区`, population, elderly: 0, infants: 0, households: 0, built: 'existing', community }
	};
}

export function facility(id: string, xy: [number, number], category: FacilityCategory = 'kindergarten', status: Facility['properties']['status'] = 'existing'): Facility {
	const [lon, lat] = projection.inverse(xy);
	return {
		type: 'Feature',
		geometry: { type: 'Point', coordinates: [lon, lat] },
		properties: { id, name: `${id} 幼儿园`, category, capacity: 100, operator: 'public', affordable: true, status }
	};
}

export function unit(id: string, level: Unit['properties']['level'], parent: string | null): Unit {
	return {
		type: 'Feature',
		geometry: { type: 'Polygon', coordinates: [square(-5000, -5000, 10000)] },
		properties: { id, name: id, level, parent }
	};
}

export function dataset(areas: ResidentialArea[], facilities: Facility[], units: Unit[] = [unit('c1', 'community', null)]): Dataset {
	return {
		meta: { name: { zh: '测试', en: 'test' }, synthetic: true, attribution: 'test', center: CENTER },
		residential: areas,
		facilities,
		units,
		paths: [],
		water: []
	};
}
