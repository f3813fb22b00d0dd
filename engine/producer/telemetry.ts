import { createRandom, type Random } from '../core/random.ts';
import type { TelemetryPayload } from '../scenario/schema.ts';

/**
 * Connected-car telemetry, the talk's running example: each record is one vehicle's report
 * (fleet, vehicle, speed, engine RPM, fuel, tire pressure, time) as JSON text.
 *
 * Records are drawn by Latin hypercube sampling: for n records, each field's distribution is
 * cut into n equally likely slices and every slice is used once, in a random order per
 * field. The share of records on either side of any threshold of one field is then exact to
 * within 1/n (a plain random sample of 16,384 records would miss a 2% share by about 5%), and
 * a filter's share comes out the same whatever the seed.
 */

/** When generated sample records start: the week of re:Invent 2024, where the talk was given. */
const SAMPLE_EPOCH_MS = Date.UTC(2024, 11, 2, 9, 0, 0);

/**
 * `count` telemetry payloads as JSON text, the same for the same settings and seed, from
 * settings with their defaults filled in (`sampleTelemetry` takes them as written). No schema
 * is needed, so a page can draw a sample without loading it.
 */
export function telemetryRecords(settings: TelemetryPayload, seed: number, count: number): string[] {
  const random = createRandom((seed ^ 0x7e1e3e7) >>> 0);
  const n = Math.max(0, Math.floor(count));
  const slice = (): Float64Array => stratified(n, random);
  const fleet = slice();
  const vehicle = slice();
  const speed = slice();
  const rpm = slice();
  const fuel = slice();
  const tire = slice();
  const format = slice();
  const { fuel_remaining: fuelRange } = settings;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const fleetId = Math.min(settings.fleets - 1, Math.floor((fleet[i] as number) * settings.fleets));
    const vehicleNo = Math.min(settings.vehiclesPerFleet - 1, Math.floor((vehicle[i] as number) * settings.vehiclesPerFleet));
    const timestamp = new Date(SAMPLE_EPOCH_MS + i * 37).toISOString();
    if ((format[i] as number) < settings.nonJsonShare) {
      // A frame straight off the vehicle bus: not JSON, so a filter cannot read it.
      out.push(`CAN 0x1F4 ${fleetId.toString(16)} ${vehicleNo.toString(16)} ${timestamp}`);
      continue;
    }
    const record = {
      fleet_id: `fleet-${fleetId}`,
      vehicle_id: `vin-${fleetId}-${vehicleNo}`,
      speed: round(Math.max(0, normalAt(speed[i] as number, settings.speed)), 1),
      engine_rpm: Math.round(Math.max(0, normalAt(rpm[i] as number, settings.engine_rpm))),
      fuel_remaining: round(fuelRange.min + (fuel[i] as number) * (fuelRange.max - fuelRange.min), 1),
      tire_pressure: round(Math.max(0, normalAt(tire[i] as number, settings.tire_pressure)), 2),
      timestamp,
    };
    out.push(JSON.stringify(record));
  }
  return out;
}

/** n uniform numbers in [0, 1), one in each of n equal slices, in random order. */
function stratified(n: number, random: Random): Float64Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ((order[i] as number) + random.next()) / n;
  return out;
}

function normalAt(u: number, d: { mean: number; sd: number }): number {
  return d.mean + d.sd * inverseNormal(u);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// Coefficients of Acklam's rational approximation of the normal quantile (relative error
// below 1.2e-9), a published algorithm in the public domain.
const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** The standard normal quantile: the z with P(Z ≤ z) = p, for p in (0, 1). */
export function inverseNormal(p: number): number {
  const q0 = Math.min(Math.max(p, 1e-300), 1 - 1e-16);
  const tail = (q: number): number =>
    (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) / ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  if (q0 < P_LOW) return tail(Math.sqrt(-2 * Math.log(q0)));
  if (q0 > 1 - P_LOW) return -tail(Math.sqrt(-2 * Math.log(1 - q0)));
  const q = q0 - 0.5;
  const r = q * q;
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  );
}
