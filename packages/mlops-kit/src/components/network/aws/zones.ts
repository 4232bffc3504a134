/** The zone at `index` of the region's zones, or a clear failure when the region has too few. */
export function zoneName(names: string[], index: number): string {
  const zone = names[index];
  if (zone === undefined) {
    throw new Error(`the region has ${names.length} available zones; the network asks for zone ${index + 1}`);
  }
  return zone;
}
