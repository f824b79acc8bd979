/**
 * Carry-over ledger (domain brief §2, COA terms):
 *   gecorrigeerde taakstelling(P) = taakstelling(P) + achterstand at start − voorsprong at start
 *   saldo(P) = gecorrigeerde(P) − gehuisvest(P); achterstand = max(saldo, 0), voorsprong = max(−saldo, 0)
 *   saldo(P) is the start balance of P+1.
 * The ledger conserves: final saldo = beginsaldo + Σ taakstelling − Σ gehuisvest.
 */
import type { Periode } from "./periode";

export interface Stap {
  readonly periode: Periode;
  readonly taakstelling: number;
  readonly gehuisvest: number;
}

export interface Regel extends Stap {
  /** Balance at the start of the period: backlog (+) or surplus (−). */
  readonly beginsaldo: number;
  readonly gecorrigeerd: number;
  readonly saldo: number;
  readonly achterstand: number;
  readonly voorsprong: number;
}

export function verloop(stappen: readonly Stap[], beginsaldo = 0): Regel[] {
  const regels: Regel[] = [];
  let saldo = beginsaldo;
  for (const s of stappen) {
    const gecorrigeerd = s.taakstelling + saldo;
    const eind = gecorrigeerd - s.gehuisvest;
    regels.push({
      ...s,
      beginsaldo: saldo,
      gecorrigeerd,
      saldo: eind,
      achterstand: Math.max(eind, 0),
      voorsprong: Math.max(-eind, 0),
    });
    saldo = eind;
  }
  return regels;
}

/**
 * Per row, the number of consecutive half-years ending with an achterstand, this one included (0 when it ends
 * without one). Counted from the first row: an achterstand in `beginsaldo` is not counted as a half-year (how many
 * half-years it took is not known). Provinces escalate at about four in a row (provincial practice, not law).
 */
export function achtereenAchter(regels: readonly Regel[]): number[] {
  const uit: number[] = [];
  let reeks = 0;
  for (const r of regels) {
    reeks = r.achterstand > 0 ? reeks + 1 : 0;
    uit.push(reeks);
  }
  return uit;
}
