import { onbruikbareAanlevering, type Aanlevering, type AanleveringRij } from "../../src/domain/consolideren";
import { Engine } from "../../src/domain/engine";
import { OpgaveFout, type FoutSoort } from "../../src/domain/fouten";
import { standaardDataset } from "../../src/data/embedded";

/** One engine on the real embedded dataset, shared by the domain tests. */
export const engine = new Engine(standaardDataset());

/** Run f and return the OpgaveFout it throws (fails the test if it does not throw one). */
export function fout(f: () => unknown, soort?: FoutSoort): OpgaveFout {
  try {
    f();
  } catch (e) {
    if (!(e instanceof OpgaveFout)) throw e;
    if (soort) expect(e.soort).toBe(soort);
    return e;
  }
  throw new Error("verwachtte een OpgaveFout");
}

/** The fill moment of hand-made deliveries: 1-12-2026 11:00:00 in the Netherlands. */
export const GEVULD = "2026-12-01T10:00:00.000Z";

/** A ledger row of a hand-made delivery. */
export function rij(
  periode: string,
  gehuisvest: number | null,
  extra: Partial<AanleveringRij> = {},
): AanleveringRij {
  return {
    periode,
    rij: 20,
    taakstelling: null,
    eigen: null,
    landelijk: null,
    gehuisvest,
    opgeslagen: {},
    ...extra,
  };
}

/** A usable hand-made delivery for `gemeente` (as the reader makes them), filled at `gevuldOp`, housed 10 in 2024-I. */
export function handAanlevering(
  bestand: string,
  gemeente: string,
  extra: Partial<Aanlevering> & { gevuldOp?: string | null } = {},
): Aanlevering {
  const g = engine.gemeente(gemeente);
  const { gevuldOp = GEVULD, ...rest } = extra;
  return {
    ...onbruikbareAanlevering(bestand, []),
    bruikbaar: true,
    onderwerp: { soort: "gemeente", code: g.code, naam: g.naam, tekst: `gemeente ${g.code} (${g.naam})` },
    bron: {
      datasetId: engine.dataset.id,
      versie: engine.dataset.versie,
      datum: engine.dataset.datum,
      hash: null,
      bronUrl: null,
      addinVersie: "0.1.0",
      gevuldOp,
    },
    taakstelling: { blad: "Taakstelling", bereik: "Taakstelling!A7:M27", rijen: [rij("2024-I", 10)] },
    startperiode: "2024-I",
    beginsaldo: 0,
    ...rest,
  };
}
