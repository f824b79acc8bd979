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
