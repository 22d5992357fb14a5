// The planner is a client-side app: MapLibre and the Web Worker need a browser, and the demo data ships with the build.
export const ssr = false;
export const prerender = false;
