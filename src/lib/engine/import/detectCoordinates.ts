import type { Position } from 'geojson';
import type { LocalizedText } from '../types';

/** Mainland China, Hainan and Taiwan with a margin: points outside are almost surely a mistake. */
const CHINA = { west: 73, east: 136, south: 3, north: 54 };
/** A point this far from the median of the others is flagged (a typo, or a different system). */
const FAR_KM = 100;

export interface CoordinateWarning {
	kind: 'projected' | 'swapped' | 'outsideChina' | 'farFromRest' | 'degreesInProjected';
	/** Records (0-based) the warning is about; empty when it is about the whole file. */
	records: number[];
	message: LocalizedText;
}

const inChina = ([x, y]: Position) => x >= CHINA.west && x <= CHINA.east && y >= CHINA.south && y <= CHINA.north;
const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};
const list = (records: number[], first: number) =>
	records.slice(0, 5).map((index) => index + first).join(', ') + (records.length > 5 ? ' …' : '');

/**
 * Looks at raw positions as read (before conversion) and says what seems wrong: projected numbers
 * where degrees were declared (or the reverse), longitude and latitude swapped, points outside
 * China or far from the others. The planner confirms or picks another system; nothing is changed here.
 */
export function detectCoordinateIssues(positions: (Position | undefined)[], declaredProjected: boolean, firstRecordNumber: number): CoordinateWarning[] {
	const present = positions.map((position, index) => ({ position, index })).filter((entry): entry is { position: Position; index: number } => entry.position !== undefined);
	if (present.length === 0) return [];
	const warnings: CoordinateWarning[] = [];
	// Swapped Chinese lon/lat puts a latitude of 73–136 in the second place, beyond ±90, so swapping is tested before "projected".
	const swapped = present.filter(({ position: [x, y] }) => !inChina([x, y]) && inChina([y, x])).map(({ index }) => index);
	const looksProjected = present
		.filter(({ position: [x, y], index }) => (Math.abs(x) > 180 || Math.abs(y) > 90) && !swapped.includes(index))
		.map(({ index }) => index);
	if (declaredProjected) {
		if (looksProjected.length + swapped.length < present.length / 2)
			warnings.push({
				kind: 'degreesInProjected',
				records: [],
				message: { zh: '选择了投影坐标系，但数值看起来是经纬度（度）', en: 'a projected system was chosen but the numbers look like degrees' }
			});
		return warnings;
	}
	if (looksProjected.length > 0) {
		warnings.push({
			kind: 'projected',
			records: looksProjected,
			message: {
				zh: `第 ${list(looksProjected, firstRecordNumber)} 条的坐标超出经纬度范围，像是投影坐标（米）：请选择投影坐标系（如 EPSG:4543）`,
				en: `records ${list(looksProjected, firstRecordNumber)} are outside longitude/latitude range and look projected (metres): choose a projected system (e.g. EPSG:4543)`
			}
		});
		return warnings;
	}
	if (swapped.length > 0)
		warnings.push({
			kind: 'swapped',
			records: swapped,
			message: {
				zh: `第 ${list(swapped, firstRecordNumber)} 条的经度与纬度似乎颠倒（交换后落在中国境内）`,
				en: `records ${list(swapped, firstRecordNumber)} seem to have longitude and latitude swapped (swapped, they fall in China)`
			}
		});
	const outside = present.filter(({ position, index }) => !inChina(position) && !swapped.includes(index)).map(({ index }) => index);
	if (outside.length > 0)
		warnings.push({
			kind: 'outsideChina',
			records: outside,
			message: { zh: `第 ${list(outside, firstRecordNumber)} 条位于中国境外`, en: `records ${list(outside, firstRecordNumber)} lie outside China` }
		});
	if (present.length >= 3) {
		const centre = [median(present.map(({ position }) => position[0])), median(present.map(({ position }) => position[1]))];
		const kmPerDegreeLat = 111.2;
		const kmPerDegreeLon = kmPerDegreeLat * Math.cos((centre[1] * Math.PI) / 180);
		const far = present
			.filter(({ position: [x, y] }) => Math.hypot((x - centre[0]) * kmPerDegreeLon, (y - centre[1]) * kmPerDegreeLat) > FAR_KM)
			.map(({ index }) => index)
			.filter((index) => !swapped.includes(index) && !outside.includes(index));
		if (far.length > 0)
			warnings.push({
				kind: 'farFromRest',
				records: far,
				message: {
					zh: `第 ${list(far, firstRecordNumber)} 条距其余点超过 ${FAR_KM} 公里`,
					en: `records ${list(far, firstRecordNumber)} are more than ${FAR_KM} km from the rest`
				}
			});
	}
	return warnings;
}
