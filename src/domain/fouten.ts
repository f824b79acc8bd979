/**
 * The one error vocabulary of Opgave.
 * - `ongeldig`: the input cannot be understood (Excel: #VALUE!).
 * - `nietBeschikbaar`: the input is understood but the data cannot answer (Excel: #N/A).
 * Messages are Dutch and come from ./berichten.
 */
export type FoutSoort = "ongeldig" | "nietBeschikbaar";

export class OpgaveFout extends Error {
  constructor(
    public readonly soort: FoutSoort,
    message: string,
  ) {
    super(message);
    this.name = "OpgaveFout";
  }
}

export function ongeldig(bericht: string): OpgaveFout {
  return new OpgaveFout("ongeldig", bericht);
}

export function nietBeschikbaar(bericht: string): OpgaveFout {
  return new OpgaveFout("nietBeschikbaar", bericht);
}
