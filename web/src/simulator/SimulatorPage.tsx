/** The what-if simulator page. */
export function SimulatorPage() {
  return null;
}
