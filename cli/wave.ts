// The one way a command finds the wave it works on. --wave takes a wave's id or its name
// (--study narrows a name to one study); a name two studies share is refused, listing the
// candidates' ids. Commands that may run without --wave take the most recent wave and say
// which, so a person never analyzes or exports a wave without seeing its name.
import type { Kysely } from 'kysely';
import type { Database, Wave } from '../data/database.js';
import { NotFoundError } from '../data/errors.js';
import { findStudy, findWave, latestWave } from '../data/repositories/studies.js';
import { UsageError } from './args.js';

type Flags = Record<string, string | boolean | undefined>;

/** What the person typed: --wave (id or name) and optionally --study (id or name). */
export interface WaveChoice {
  wave?: string;
  study?: string;
  /** The command, for messages ("pipeline", "admin invites"). */
  command: string;
}

/** Reads --wave and --study from parsed flags; a command that needs a wave gets a usage error without one. */
export function waveChoice(command: string, values: Flags, options: { required: boolean }): WaveChoice {
  const text = (flag: string) => {
    const v = values[flag];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`${command}: --${flag} needs a value: an id or a name. See \`rootwork ${command} --help\`.`);
    return v.trim();
  };
  const choice = { command, wave: text('wave'), study: text('study') };
  if (options.required && choice.wave === undefined) {
    throw new UsageError(`${command}: --wave W is required: the wave's id or name (list them with \`rootwork admin list-waves\`).`);
  }
  if (choice.study !== undefined && choice.wave === undefined) {
    throw new UsageError(`${command}: --study narrows --wave's name to one study; give --wave W too.`);
  }
  return choice;
}

/**
 * The chosen wave. Without --wave, the most recent wave: `announce` gets the line saying
 * which (the caller words what it does with it), and `location` names the database when
 * there is no wave at all.
 */
export async function resolveWave(
  db: Kysely<Database>,
  choice: WaveChoice,
  latest?: { verb: string; location: string; announce: (line: string) => void },
): Promise<Wave> {
  if (choice.wave === undefined) {
    if (!latest) throw new UsageError(`${choice.command}: --wave W is required: the wave's id or name.`);
    const wave = await latestWave(db);
    if (!wave) throw new NotFoundError(`No wave in ${latest.location}: create a study and wave first (or \`rootwork synthetic\` for a synthetic one).`);
    latest.announce(`No --wave given: ${latest.verb} the most recent wave, "${wave.name}" (${wave.id}).`);
    return wave;
  }
  const study = choice.study === undefined ? undefined : await findStudy(db, choice.study);
  return findWave(db, choice.wave, study?.id);
}
