import type { FacilityCategory, FacilityProperties, FacilityStatus, Operator } from '../../src/lib/engine/types';
import { add, distance, distanceToBoundary, pointInPolygon, pt, rotate, type Point, type Polygon } from './geometry';
import type { NameBook } from './names';
import type { Residents } from './people';
import type { Random } from './random';
import type { CommunityPlan, StreetPlan } from './units';
import type { Compound, OpenParcel } from './town';

export interface PlannedFacility {
	point: Point;
	properties: Omit<FacilityProperties, 'id'>;
}

export interface FacilityContext {
	compounds: Compound[];
	residents: Residents[];
	compoundNames: string[];
	communityOfCompound: number[];
	openParcels: OpenParcel[];
	communityOfParcel: number[];
	communities: CommunityPlan[];
	streets: StreetPlan[];
	random: Random;
	names: NameBook;
	/** Running numbers for names (西昌市第一幼儿园 …). */
	counters: { publicKindergartens: number };
}

/** Reach the plans measure childcare by (托儿所、幼儿园服务半径 300 米) and elderly day care by (15 分钟 ≈ 1000 m). */
const CHILDCARE_REACH = 300;
const ELDERLY_REACH = 1000;

interface Site {
	point: Point;
	polygon: Polygon;
	kind: 'compound' | 'open';
	/** Index into compounds or openParcels. */
	index: number;
	community: number;
	street: number;
}

interface Demand {
	point: Point;
	vertices: Point[];
	/** Farthest vertex from the point. */
	radius: number;
	weight: number;
	state: 'none' | 'partial' | 'full';
}

/**
 * Places facilities the way a town gets them: the existing ones greedily where most people
 * are, but with new estates at the edge under-weighted (their 配套 lags behind), so that gaps
 * remain there; then a few under construction or planned ones in those gaps. Capacities are
 * drawn so that the plans' ratios (4.5 托位 per 1000 residents, 35 beds per 1000 elderly) are
 * not met today.
 */
export function placeFacilities(context: FacilityContext): PlannedFacility[] {
	const { compounds, residents, openParcels, random, communities } = context;
	const sites: Site[] = [
		...compounds.map((compound, index) => {
			const community = context.communityOfCompound[index];
			return { point: compound.anchor, polygon: largestPart(compound), kind: 'compound' as const, index, community, street: communities[community].street };
		}),
		...openParcels.flatMap((parcel, index) => {
			if (parcel.use === 'park' || parcel.area < 0.25 * 10_000) return [];
			const community = context.communityOfParcel[index];
			return [{ point: parcel.anchor, polygon: parcel.polygon, kind: 'open' as const, index, community, street: communities[community].street }];
		})
	];
	const placed: PlannedFacility[] = [];
	const taken: Point[] = [];
	const place = (site: Site, properties: Omit<FacilityProperties, 'id'>) => {
		const point = freeSpot(site, taken);
		if (!point) return false;
		taken.push(point);
		placed.push({ point, properties });
		return true;
	};
	const isNew = (k: number) => residents[k].built === 'new';
	const openUse = (site: Site) => (site.kind === 'open' ? openParcels[site.index].use : 'residential');

	// --- Childcare: 托育机构, 幼儿园 (with 托班 places), 社区托育点 ---
	const childDemand = demandOf(compounds, (k) => residents[k].infants * (isNew(k) ? 0.6 : 1));
	const childRandom = random.fork('childcare');
	const quota: Record<'kindergarten' | 'childcare_center' | 'community_childcare', number> = {
		kindergarten: 30,
		childcare_center: 8,
		community_childcare: 14
	};
	const existingChildcare = greedy(sites, childDemand, CHILDCARE_REACH, 52, 260, childRandom, (site) => site.kind === 'compound' || openUse(site) !== 'vacant');
	let demonstration = false;
	for (const site of existingChildcare) {
		const preference: (keyof typeof quota)[] =
			site.kind === 'open'
				? ['kindergarten', 'childcare_center', 'community_childcare']
				: compounds[site.index].area > 3 * 10_000
					? ['kindergarten', 'community_childcare', 'childcare_center']
					: ['community_childcare', 'kindergarten', 'childcare_center'];
		const category = preference.find((c) => quota[c] > 0);
		if (!category) break;
		quota[category]--;
		const first = category === 'childcare_center' && site.kind === 'open' && !demonstration;
		if (first) demonstration = true;
		place(site, childcareProperties(category, 'existing', site, context, childRandom, first));
	}
	// The gaps the planners already know about: new estates get the next ones.
	childDemand.forEach((d, k) => (d.weight = residents[k].infants));
	const future: [keyof typeof quota, FacilityStatus][] = [
		['kindergarten', 'under_construction'],
		['childcare_center', 'under_construction'],
		['kindergarten', 'planned'],
		['community_childcare', 'planned'],
		['childcare_center', 'planned']
	];
	const futureSites = greedy(sites, childDemand, CHILDCARE_REACH, future.length, 260, childRandom, (site) => !taken.some((p) => distance(p, site.point) < 200));
	futureSites.forEach((site, k) => place(site, childcareProperties(future[k][0], future[k][1], site, context, childRandom, false)));

	// --- Elderly care ---
	const elderRandom = random.fork('elderly');
	const elderDemand = demandOf(compounds, (k) => residents[k].elderly * (isNew(k) ? 0.12 : 1));
	// One 街道养老服务中心 per street; 新村's is still being built.
	context.streets.forEach((street, s) => {
		const status: FacilityStatus = street.code === 'xn' ? 'under_construction' : 'existing';
		const before = elderDemand.map((d) => d.state);
		const [site] = greedy(sites, elderDemand, ELDERLY_REACH, 1, 0, elderRandom, (x) => x.street === s && x.kind === 'open' && openUse(x) !== 'vacant');
		if (!site) return;
		// Not open yet: it does not count as reaching anyone.
		if (status !== 'existing') elderDemand.forEach((d, k) => (d.state = before[k]));
		place(site, elderlyProperties('elderly_service_center', status, site, context, elderRandom));
	});
	const daycare = greedy(sites, elderDemand, ELDERLY_REACH, 7, 600, elderRandom, (site) => site.kind === 'compound' && !isNew(site.index));
	for (const site of daycare) place(site, elderlyProperties('elderly_daycare', 'existing', site, context, elderRandom));
	elderDemand.forEach((d, k) => (d.weight = residents[k].elderly));
	const futureDaycare = greedy(sites, elderDemand, ELDERLY_REACH, 2, 600, elderRandom, (site) => site.kind === 'compound');
	futureDaycare.forEach((site, k) => place(site, elderlyProperties('elderly_daycare', k === 0 ? 'under_construction' : 'planned', site, context, elderRandom)));

	// Care homes on open land, spread out; the town's welfare home comes first.
	const careSites = elderRandom
		.shuffle(sites.filter((site) => site.kind === 'open' && ['vacant', 'public'].includes(openUse(site)) && openParcels[site.index].area > 0.6 * 10_000))
		.sort((a, b) => openParcels[b.index].area - openParcels[a.index].area);
	const careChosen: Site[] = [];
	for (const site of careSites) {
		if (careChosen.length >= 9) break;
		if (careChosen.some((c) => distance(c.point, site.point) < 900)) continue;
		careChosen.push(site);
	}
	const careStatuses: [FacilityCategory, FacilityStatus][] = [
		['care_home', 'existing'],
		['care_home', 'existing'],
		['medical_care_home', 'existing'],
		['care_home', 'existing'],
		['care_home', 'existing'],
		['medical_care_home', 'existing'],
		['care_home', 'existing'],
		['care_home', 'under_construction'],
		['medical_care_home', 'planned']
	];
	careChosen.forEach((site, k) => place(site, elderlyProperties(careStatuses[k][0], careStatuses[k][1], site, context, elderRandom, k === 0)));

	// 老年幸福食堂 in the old compounds with the most elderly residents.
	const canteenSites = sites
		.filter((site) => site.kind === 'compound' && !isNew(site.index))
		.sort((a, b) => residents[b.index].elderly - residents[a.index].elderly || a.index - b.index);
	let canteens = 0;
	const canteenPoints: Point[] = [];
	for (const site of canteenSites) {
		if (canteens >= 5) break;
		if (canteenPoints.some((p) => distance(p, site.point) < 550)) continue;
		if (place(site, elderlyProperties('elderly_canteen', 'existing', site, context, elderRandom))) {
			canteenPoints.push(site.point);
			canteens++;
		}
	}

	// 老年大学 near the core, 老年学校 in two other streets.
	const schoolSites = sites.filter((site) => site.kind === 'open' && openUse(site) !== 'vacant');
	const byCore = [...schoolSites].sort((a, b) => distance(a.point, context.streets[0].centre) - distance(b.point, context.streets[0].centre));
	const usedStreets = new Set<number>();
	for (const site of byCore) {
		if (usedStreets.size >= 3) break;
		if (usedStreets.has(site.street)) continue;
		if (place(site, elderlyProperties('senior_school', 'existing', site, context, elderRandom, usedStreets.size === 0))) usedStreets.add(site.street);
	}
	scaleCapacities(placed, residents);
	return placed;
}

/**
 * Existing supply, by design below the plans' targets: 3.6 托位 per 1000 residents (target 4.5,
 * 凉山州 2025) and 22 beds in care homes per 1000 residents aged 60+ (target 35–40).
 */
const EXISTING_PLACES_PER_1000 = 3.6;
const EXISTING_BEDS_PER_1000_ELDERLY = 22;

function scaleCapacities(facilities: PlannedFacility[], residents: Residents[]): void {
	const population = residents.reduce((sum, r) => sum + r.population, 0);
	const elderly = residents.reduce((sum, r) => sum + r.elderly, 0);
	const rescale = (categories: FacilityCategory[], target: number, step: number) => {
		const chosen = facilities.filter((f) => f.properties.status === 'existing' && categories.includes(f.properties.category));
		const factor = target / chosen.reduce((sum, f) => sum + f.properties.capacity, 0);
		for (const { properties } of chosen) {
			if (properties.capacity === 0) continue;
			const capacity = Math.max(step, Math.round((properties.capacity * factor) / step) * step);
			const ratio = capacity / properties.capacity;
			if (properties.nursingBeds !== undefined) properties.nursingBeds = Math.min(capacity, Math.round(properties.nursingBeds * ratio));
			if (properties.floorArea !== undefined && categories.includes('care_home')) properties.floorArea = round10(properties.floorArea * ratio);
			properties.capacity = capacity;
		}
	};
	rescale(['childcare_center', 'kindergarten', 'community_childcare'], (population * EXISTING_PLACES_PER_1000) / 1000, 5);
	rescale(['care_home', 'medical_care_home'], (elderly * EXISTING_BEDS_PER_1000_ELDERLY) / 1000, 10);
}

function largestPart(compound: Compound): Polygon {
	return compound.parts.reduce((best, part) => (part[0].length && area(part) > area(best) ? part : best));
}

function area(polygon: Polygon): number {
	let total = 0;
	for (const ring of polygon)
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) total += (ring[j].x * ring[i].y - ring[i].x * ring[j].y) / 2;
	return total;
}

/** The site's anchor, or a spot 30–45 m from it inside the site if another facility is there already. */
function freeSpot(site: Site, taken: Point[]): Point | null {
	const candidates = [site.point];
	for (const radius of [32, 45])
		for (let k = 0; k < 8; k++) candidates.push(add(site.point, rotate(pt(radius, 0), (k * Math.PI) / 4)));
	for (const p of candidates) {
		if (!pointInPolygon(p, site.polygon) || distanceToBoundary(p, site.polygon) < 8) continue;
		if (taken.some((q) => distance(p, q) < 30)) continue;
		return p;
	}
	return null;
}

/**
 * Greedy maximum coverage: repeatedly takes the allowed site that brings the most weight into
 * reach (an area wholly within `reach` counts fully, one whose anchor only is within reach counts
 * a quarter), scores jittered a little so the result is not too tidy, picks at least `spacing` apart.
 * Updates the demand's coverage state.
 */
function greedy(
	sites: Site[],
	demand: Demand[],
	reach: number,
	count: number,
	spacing: number,
	random: Random,
	allowed: (site: Site) => boolean
): Site[] {
	const picks: Site[] = [];
	const noise = sites.map(() => random.range(0.8, 1));
	const reachable = sites.map((site) => reachOf(site.point, demand, reach));
	for (let n = 0; n < count; n++) {
		let best = -1;
		let bestScore = 0;
		sites.forEach((site, k) => {
			if (!allowed(site) || picks.some((p) => p === site || distance(p.point, site.point) < spacing)) return;
			let score = 0;
			for (const { index, full } of reachable[k]) {
				const d = demand[index];
				if (full && d.state !== 'full') score += d.weight * (d.state === 'partial' ? 0.6 : 1);
				else if (!full && d.state === 'none') score += d.weight * 0.25;
			}
			score *= noise[k];
			if (score > bestScore) {
				bestScore = score;
				best = k;
			}
		});
		if (best < 0) break;
		picks.push(sites[best]);
		cover(sites[best].point, demand, reach);
	}
	return picks;
}

/** Areas a point reaches: wholly (every vertex within reach) or by their anchor only. */
function reachOf(point: Point, demand: Demand[], reach: number): { index: number; full: boolean }[] {
	const result: { index: number; full: boolean }[] = [];
	demand.forEach((d, index) => {
		if (distance(d.point, point) > reach + d.radius) return;
		const full = d.vertices.every((v) => distance(v, point) <= reach);
		if (full || distance(d.point, point) <= reach) result.push({ index, full });
	});
	return result;
}

function cover(point: Point, demand: Demand[], reach: number): void {
	for (const { index, full } of reachOf(point, demand, reach)) {
		const d = demand[index];
		if (full) d.state = 'full';
		else if (d.state === 'none') d.state = 'partial';
	}
}

function demandOf(compounds: Compound[], weight: (k: number) => number): Demand[] {
	return compounds.map((compound, k) => {
		const vertices = compound.parts.flatMap((part) => part[0]);
		return {
			point: compound.anchor,
			vertices,
			radius: Math.max(...vertices.map((v) => distance(v, compound.anchor))),
			weight: weight(k),
			state: 'none'
		};
	});
}

const round10 = (value: number) => Math.round(value / 10) * 10;
const shortStreet = (name: string) => name.replace(/街道$/, '');

const KINDERGARTEN_BRANDS = [
	'小天使', '阳光宝贝', '金太阳', '童之梦', '七彩虹', '小博士', '爱心', '星光', '育英', '启明', '新苗', '蓝天', '春蕾',
	'蒲公英', '小白鸽', '向日葵', '金色摇篮', '未来星', '快乐树', '彩虹桥'
];
const KINDERGARTEN_STYLES = ['双语', '艺术', '实验', ''];
const CHILDCARE_BRANDS = ['小橙子', '萌芽', '童趣', '启航', '爱婴', '小太阳', '米乐', '棉花糖'];
const CARE_HOME_STEMS = ['福寿', '康乐', '夕阳红', '松鹤', '颐和', '安康', '长青', '椿萱'];
const MEDICAL_STEMS = ['仁爱', '康宁', '邛海', '泸山', '安济'];
const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function operatorFor(random: Random, weights: [Operator, number][]): Operator {
	const total = weights.reduce((sum, [, w]) => sum + w, 0);
	let r = random.next() * total;
	for (const [operator, w] of weights) {
		r -= w;
		if (r < 0) return operator;
	}
	return weights[weights.length - 1][0];
}

function childcareProperties(
	category: 'kindergarten' | 'childcare_center' | 'community_childcare',
	status: FacilityStatus,
	site: Site,
	context: FacilityContext,
	random: Random,
	demonstration: boolean
): Omit<FacilityProperties, 'id'> {
	const { names, counters } = context;
	const community = context.communities[site.community];
	const street = context.streets[site.street];
	if (category === 'kindergarten') {
		const operator = status === 'existing' ? operatorFor(random, [['public', 4], ['private', 4], ['public_private', 2]]) : 'public';
		const name =
			operator === 'private'
				? names.unique(random.shuffle(KINDERGARTEN_BRANDS).filter((b) => !names.hasStem(b)).map((b) => `${b}${random.pick(KINDERGARTEN_STYLES)}幼儿园`), (n) => `${random.pick(KINDERGARTEN_BRANDS)}第${n}幼儿园`)
				: site.kind === 'compound'
					? names.unique([`${context.compoundNames[site.index]}幼儿园`, `${community.name.replace(/社区$/, '')}幼儿园`], (n) => `${shortStreet(street.name)}第${n}幼儿园`)
					: operator === 'public'
						? names.unique([`西昌市第${CHINESE_ORDINALS[counters.publicKindergartens++] ?? counters.publicKindergartens}幼儿园`], (n) => `${shortStreet(street.name)}第${n}幼儿园`)
						: names.unique([`${shortStreet(street.name)}幼儿园`, `${community.name.replace(/社区$/, '')}幼儿园`], (n) => `${shortStreet(street.name)}第${n}幼儿园`);
		// Capacity counts the 托班 (under-3 nursery class) places, the kindergarten's share of 托位.
		return {
			name,
			category,
			capacity: random.pick([0, 15, 20, 20, 25, 30, 30, 40, 45]),
			floorArea: round10(random.range(1800, 4800)),
			operator,
			affordable: operator !== 'private' || random.chance(0.6),
			status
		};
	}
	if (category === 'childcare_center') {
		const operator: Operator = demonstration || status !== 'existing' ? 'public' : operatorFor(random, [['public', 2], ['private', 5], ['public_private', 2]]);
		const name = demonstration
			? names.unique(['西昌市托育综合服务中心'], (n) => `西昌市托育综合服务中心${n}`)
			: operator === 'private'
				? names.unique(random.shuffle(CHILDCARE_BRANDS).filter((b) => !names.hasStem(b)).map((b) => `${b}托育中心`), (n) => `${random.pick(CHILDCARE_BRANDS)}托育${n}部`)
				: names.unique([`${shortStreet(street.name)}托育中心`, `${community.name.replace(/社区$/, '')}托育中心`], (n) => `${shortStreet(street.name)}托育中心${n}部`);
		return {
			name,
			category,
			capacity: demonstration ? 150 : random.pick([40, 50, 60, 80, 90, 100, 120]),
			floorArea: round10(demonstration ? 1600 : random.range(380, 1200)),
			operator,
			affordable: operator !== 'private' || random.chance(0.4),
			status
		};
	}
	return {
		name: context.names.unique([`${community.name}托育点`], (n) => `${community.name}第${CHINESE_ORDINALS[n - 1] ?? n}托育点`),
		category,
		capacity: random.pick([15, 20, 20, 25, 30, 30, 40]),
		floorArea: round10(random.range(120, 300)),
		operator: operatorFor(random, [['public', 3], ['public_private', 3], ['private', 1]]),
		affordable: true,
		status
	};
}

function elderlyProperties(
	category: FacilityCategory,
	status: FacilityStatus,
	site: Site,
	context: FacilityContext,
	random: Random,
	flagship = false
): Omit<FacilityProperties, 'id'> {
	const { names } = context;
	const community = context.communities[site.community];
	const street = context.streets[site.street];
	switch (category) {
		case 'elderly_service_center':
			return {
				name: names.unique([`${street.name}养老服务中心`], (n) => `${street.name}第${n}养老服务中心`),
				category,
				capacity: random.pick([30, 40, 50, 60, 80]),
				floorArea: round10(random.range(800, 2200)),
				operator: random.chance(0.5) ? 'public' : 'public_private',
				affordable: true,
				status
			};
		case 'elderly_daycare': {
			// Mostly 350–750 m² (GB 50180-2018); a few older ones are smaller.
			const floorArea = round10(random.chance(0.2) ? random.range(220, 340) : random.range(360, 760));
			return {
				name: names.unique([`${community.name}日间照料中心`], (n) => `${community.name}第${CHINESE_ORDINALS[n - 1] ?? n}日间照料中心`),
				category,
				capacity: random.pick([10, 12, 15, 20, 20, 25, 30]),
				floorArea,
				operator: operatorFor(random, [['public', 3], ['public_private', 3], ['private', 1]]),
				affordable: true,
				status
			};
		}
		case 'care_home': {
			const operator: Operator = flagship ? 'public' : operatorFor(random, [['public', 2], ['private', 3], ['public_private', 2]]);
			const capacity = flagship ? 320 : random.pick([80, 100, 120, 150, 180, 200, 260]);
			const name = flagship
				? names.unique(['西昌市社会福利院'], (n) => `西昌市社会福利院${n}院`)
				: operator === 'public'
					? names.unique([`${shortStreet(street.name)}敬老院`], (n) => `${shortStreet(street.name)}第${n}敬老院`)
					: names.unique(
							random
								.shuffle(CARE_HOME_STEMS)
								.filter((stem) => !names.hasStem(stem))
								.map((stem) => `${stem}${random.pick(['颐养院', '养老院', '康养中心'])}`),
							(n) => `${random.pick(CARE_HOME_STEMS)}养老院${n}部`
						);
			return {
				name,
				category,
				capacity,
				nursingBeds: Math.round(capacity * random.range(0.3, 0.58)),
				floorArea: round10(capacity * random.range(30, 42)),
				operator,
				affordable: operator !== 'private' || random.chance(0.3),
				status
			};
		}
		case 'medical_care_home': {
			if (status === 'planned') {
				// 凉山州 plan annex: 西昌市人民医院医养中心, 100–200 beds, 6000 m².
				return {
					name: names.unique(['西昌市人民医院医养中心'], (n) => `西昌市人民医院医养中心${n}`),
					category,
					capacity: 150,
					nursingBeds: 120,
					floorArea: 6000,
					operator: 'public',
					affordable: true,
					status
				};
			}
			const capacity = random.pick([100, 120, 150, 180]);
			return {
				name: names.unique(
					random
						.shuffle(MEDICAL_STEMS)
						.filter((stem) => !names.hasStem(stem))
						.map((stem) => `${stem}${random.pick(['医养结合中心', '护理院'])}`),
					(n) => `${random.pick(MEDICAL_STEMS)}护理院${n}部`
				),
				category,
				capacity,
				nursingBeds: Math.round(capacity * random.range(0.7, 0.95)),
				floorArea: round10(capacity * random.range(38, 50)),
				operator: random.chance(0.5) ? 'private' : 'public_private',
				affordable: random.chance(0.5),
				status
			};
		}
		case 'elderly_canteen':
			return {
				name: names.unique([`${community.name}老年幸福食堂`], (n) => `${community.name}第${CHINESE_ORDINALS[n - 1] ?? n}老年幸福食堂`),
				category,
				capacity: random.pick([40, 50, 60, 80, 100, 120]),
				floorArea: round10(random.range(120, 380)),
				operator: operatorFor(random, [['public_private', 3], ['private', 2], ['public', 1]]),
				affordable: true,
				status
			};
		case 'senior_school':
			return {
				name: flagship ? names.unique(['西昌市老年大学'], (n) => `西昌市老年大学${n}分校`) : names.unique([`${street.name}老年学校`], (n) => `${street.name}老年学校${n}分校`),
				category,
				capacity: flagship ? 1200 : random.pick([200, 300, 400]),
				floorArea: round10(flagship ? 4800 : random.range(600, 1500)),
				operator: 'public',
				affordable: true,
				status
			};
		default:
			throw new Error(`not an elderly category: ${category}`);
	}
}
