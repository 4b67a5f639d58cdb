/** Which places frame the map: the cluster the routes mostly run through, not a stray far end. */
export interface Pt {
  lat: number;
  lon: number;
}

function km(a: Pt, b: Pt): number {
  const r = Math.PI / 180;
  const dLat = (b.lat - a.lat) * r;
  const dLon = (b.lon - a.lon) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** The points within `radiusKm` of the median point (all of them when that leaves fewer than two). */
export function corePoints<T extends Pt>(points: T[], radiusKm = 2200): T[] {
  if (points.length < 3) return points;
  const med = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)] ?? 0;
  };
  const centre = { lat: med(points.map((p) => p.lat)), lon: med(points.map((p) => p.lon)) };
  const core = points.filter((p) => km(p, centre) <= radiusKm);
  return core.length >= 2 ? core : points;
}
