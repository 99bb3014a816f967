// The one shape of a Coda module's `volumes` argument: `all`, a list of names, or a comma-separated string
// ("vol01,vol02" — what `-e volumes=vol01,vol02` gives after templating). Shared so every module, `validate`
// and `run` accept and reject exactly the same values.
import { z } from 'zod';

/** "vol01, vol02" -> ['vol01', 'vol02']; `all` and non-strings are left for the schema to judge. */
function splitNames(value: unknown): unknown {
  if (typeof value !== 'string' || value.trim() === 'all') return typeof value === 'string' ? value.trim() : value;
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

const names = z.array(z.string().min(1, 'a volume name cannot be empty'));
const message = 'expected `all`, a list of volume names, or names separated by commas (vol01,vol02)';

/** `all` or at least one volume name. */
export const volumesArg = z.preprocess(splitNames, z.union([z.literal('all'), names.min(1, 'expected at least one volume name (or all)')], { error: message }));

/** `all` or any number of names (none: prove nothing). */
export const optionalVolumesArg = z.preprocess(splitNames, z.union([z.literal('all'), names], { error: message }));
