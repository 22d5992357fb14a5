/** tiny-osmpbf ships no types: it returns OSM data in the Overpass JSON shape. */
declare module 'tiny-osmpbf' {
	const parse: (bytes: Uint8Array) => { elements: import('./readOsm').OsmElement[] };
	export default parse;
}
