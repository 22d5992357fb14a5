import proj4 from 'proj4';
import { pt, type Point } from './geometry';

/**
 * The generator designs the town in a planar "design" frame (metres, x east, y north), then
 * bends it with a gentle smooth warp so that long roads curve a little, and finally maps the
 * result through a local Lambert azimuthal equal-area projection (WGS84 ellipsoid) to lon/lat.
 * The warp's gradient stays below ~0.15, so it is one-to-one and keeps every polygon valid when
 * edges are densified first.
 */
export class Frame {
	readonly center: [number, number];
	private readonly converter: { forward(xy: number[]): number[]; inverse(xy: number[]): number[] };

	constructor(center: [number, number]) {
		this.center = center;
		const definition = `+proj=laea +lat_0=${center[1]} +lon_0=${center[0]} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`;
		this.converter = proj4('EPSG:4326', definition);
	}

	/** Design frame → local metres of the LAEA projection. */
	warp(p: Point): Point {
		const dx =
			55 * Math.sin((2 * Math.PI * p.y) / 3900 + 0.7) + 28 * Math.sin((2 * Math.PI * (p.x + 0.6 * p.y)) / 2700 + 2.1);
		const dy =
			45 * Math.sin((2 * Math.PI * p.x) / 4300 + 1.3) + 22 * Math.sin((2 * Math.PI * (p.y - 0.4 * p.x)) / 2300 + 0.4);
		return pt(p.x + dx, p.y + dy);
	}

	/** Local area factor of the warp (its Jacobian determinant) at a design-frame point. */
	areaScale(p: Point): number {
		const h = 1;
		const x0 = this.warp(pt(p.x - h, p.y));
		const x1 = this.warp(pt(p.x + h, p.y));
		const y0 = this.warp(pt(p.x, p.y - h));
		const y1 = this.warp(pt(p.x, p.y + h));
		return ((x1.x - x0.x) * (y1.y - y0.y) - (x1.y - x0.y) * (y1.x - y0.x)) / (4 * h * h);
	}

	/** Inverse of `warp` by fixed-point iteration (converges: the warp is a small perturbation). */
	unwarp(q: Point): Point {
		let p = q;
		for (let i = 0; i < 60; i++) {
			const w = this.warp(p);
			p = pt(p.x + (q.x - w.x), p.y + (q.y - w.y));
		}
		return p;
	}

	/** Local metres → lon/lat, rounded to 6 decimals (≈ 0.1 m). */
	metresToLonLat(q: Point): [number, number] {
		const [lon, lat] = this.converter.inverse([q.x, q.y]);
		return [round6(lon), round6(lat)];
	}

	lonLatToMetres(lonLat: [number, number]): Point {
		const [x, y] = this.converter.forward(lonLat);
		return pt(x, y);
	}

	/** Design frame → rounded lon/lat. */
	toLonLat(p: Point): [number, number] {
		return this.metresToLonLat(this.warp(p));
	}

	/** Lon/lat → design frame. */
	fromLonLat(lonLat: [number, number]): Point {
		return this.unwarp(this.lonLatToMetres(lonLat));
	}
}

export const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;
