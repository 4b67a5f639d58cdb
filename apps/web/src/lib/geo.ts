/**
 * The offline basemap: Natural Earth country shapes from the `world-atlas` package, projected
 * with d3-geo. No tile server, no network. Runs on the server: the browser receives finished
 * SVG paths, so the map page ships no geo library.
 */
import {
  type GeoPermissibleObjects,
  type GeoProjection,
  geoConicConformal,
  geoGraticule10,
  geoPath,
} from "d3-geo";
import { feature } from "topojson-client";
import world from "world-atlas/countries-50m.json" with { type: "json" };

type CountryFeature = GeoPermissibleObjects & { properties: { name?: string } | null };

export interface LonLat {
  lon: number;
  lat: number;
}

export interface Basemap {
  width: number;
  height: number;
  /** Country outlines, clipped to the frame. */
  countries: { name: string; d: string }[];
  /** A 10° graticule, for orientation. */
  graticule: string;
  /** Projects a point into the frame's pixel space. */
  project: (p: LonLat) => [number, number];
  /** An SVG path for a line through points (great-circle segments). */
  line: (points: LonLat[]) => string;
}

let cachedCountries: CountryFeature[] | undefined;
function countries(): CountryFeature[] {
  if (!cachedCountries) {
    // world-atlas ships TopoJSON; its JSON import is not typed as a Topology.
    const topo = world as unknown as Parameters<typeof feature>[0];
    const collection = feature(topo, topo.objects.countries as Parameters<typeof feature>[1]);
    cachedCountries = ("features" in collection ? collection.features : [collection]) as CountryFeature[];
  }
  return cachedCountries;
}

/**
 * A basemap framing the given points with a margin (degrees). A conformal conic projection
 * centred on the points keeps shapes right at these latitudes.
 */
export function makeBasemap(points: LonLat[], width = 960, height = 640, marginDeg = 1.5): Basemap {
  // projecting and clipping every country takes a while; the same frame is asked for again and again
  const key = `${width}x${height}@${marginDeg}:${points.map((p) => `${p.lon},${p.lat}`).join(";")}`;
  const hit = frames.get(key);
  if (hit) return hit;
  const map = buildBasemap(points, width, height, marginDeg);
  if (frames.size > 50) frames.clear();
  frames.set(key, map);
  return map;
}

const frames = new Map<string, Basemap>();

function buildBasemap(points: LonLat[], width: number, height: number, marginDeg: number): Basemap {
  const pts = points.length > 0 ? points : [{ lon: 27.5, lat: 53.9 }];
  const lons = pts.map((p) => p.lon);
  const lats = pts.map((p) => p.lat);
  const minLon = Math.min(...lons) - marginDeg;
  const maxLon = Math.max(...lons) + marginDeg;
  const minLat = Math.min(...lats) - marginDeg;
  const maxLat = Math.max(...lats) + marginDeg;
  const centre: [number, number] = [(minLon + maxLon) / 2, (minLat + maxLat) / 2];
  const projection: GeoProjection = geoConicConformal()
    .parallels([minLat + (maxLat - minLat) / 4, maxLat - (maxLat - minLat) / 4])
    .rotate([-centre[0], 0])
    .center([0, centre[1]]);
  const frame: GeoPermissibleObjects = {
    type: "Feature",
    properties: {},
    geometry: {
      type: "LineString",
      coordinates: [
        [minLon, minLat],
        [maxLon, minLat],
        [maxLon, maxLat],
        [minLon, maxLat],
        [minLon, minLat],
      ],
    },
  };
  projection.fitExtent(
    [
      [8, 8],
      [width - 8, height - 8],
    ],
    frame,
  );
  projection.clipExtent([
    [0, 0],
    [width, height],
  ]);
  const path = geoPath(projection);
  const shapes = countries()
    .map((f) => ({ name: f.properties?.name ?? "", d: path(f) ?? "" }))
    .filter((c) => c.d !== "");
  return {
    width,
    height,
    countries: shapes,
    graticule: path(geoGraticule10()) ?? "",
    project: (p) => {
      const xy = projection([p.lon, p.lat]);
      return xy ? [round(xy[0]), round(xy[1])] : [Number.NaN, Number.NaN];
    },
    line: (points) =>
      path({
        type: "LineString",
        coordinates: points.map((p) => [p.lon, p.lat]),
      }) ?? "",
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
