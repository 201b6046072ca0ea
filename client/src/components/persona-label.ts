/** How a persona is named on screen: its registry name, or "Unclassified" for the no-match outcome. */
export function personaLabel(personaId: string, name: string | null | undefined): string {
  if (name) return name;
  return personaId === 'unclassified' ? 'Unclassified' : personaId;
}
