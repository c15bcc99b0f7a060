/** The dependency map page. */
export function MapPage() {
  return null;
}
