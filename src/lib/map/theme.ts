import type { FacilityCategory } from '../engine/types';

/** Category colours: warm hues for childcare, cool for elderly care, so the two services read apart. */
export const CATEGORY_COLORS: Record<FacilityCategory, string> = {
	childcare_center: '#e76f51',
	kindergarten: '#f4a261',
	community_childcare: '#e9c46a',
	elderly_daycare: '#2a9d8f',
	elderly_service_center: '#264653',
	care_home: '#6a4c93',
	medical_care_home: '#1982c4',
	elderly_canteen: '#8ac926',
	senior_school: '#b5838d'
};

export const THEME = {
	background: '#f3f1ea',
	unitFill: '#ffffff',
	streetLine: '#5c5c5c',
	communityLine: '#a8a29e',
	path: '#d6d3d1',
	pathMajor: '#bfb8b0',
	water: '#a5c8e4',
	residentialLine: '#78716c',
	/** Covered share 0 → 1, red to green (a ColorBrewer RdYlGn-like ramp). */
	coverageRamp: [
		[0, '#d7301f'],
		[0.5, '#fdbb84'],
		[0.9, '#d9f0a3'],
		[1, '#66bd63']
	] as [number, string][],
	uncovered: '#b2182b',
	serviceArea: '#3b82f6',
	proposed: '#111827'
};
