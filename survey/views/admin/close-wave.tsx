// Closing a wave, confirmed: what closing does, which closing day will be recorded (and the
// planned one it replaces), and a clearly separated way back. Closing is never one click.
import type { Study, Wave } from '../../../data/database.js';
import { AdminShell, Csrf, Field, type FieldError } from './shell.js';

export interface CloseWaveProps {
  study: Study;
  wave: Wave;
  today: string;
  csrf: string;
  errors?: FieldError[];
  values?: Record<string, string>;
}

export function closeWavePage({ study, wave, today, csrf, errors = [], values = {} }: CloseWaveProps) {
  const base = `/admin/waves/${wave.id}`;
  const planned = wave.closes_on && wave.closes_on !== today ? wave.closes_on : null;
  return AdminShell({
    title: `Close ${wave.name}?`,
    csrf,
    errors,
    children: (
      <>
        <p>{study.name}: {wave.name} is open{wave.opens_on ? ` since ${wave.opens_on}` : ''}.</p>
        <h2>What closing does</h2>
        <ul>
          <li>Invite links and open links stop taking answers at once; a person in the middle of the survey cannot send it.</li>
          <li>Organization contacts can no longer change their profiles.</li>
          <li>Nothing is deleted: answers and profiles stay, and the pipeline can run on the wave.</li>
          <li>
            The closing day is recorded as the day below{planned ? `, replacing the planned closing day ${planned}` : ''}. You can open
            the wave again later from its page.
          </li>
        </ul>
        <form method="post" action={`${base}/close`}>
          <Csrf token={csrf} />
          <input type="hidden" name="confirm" value="yes" />
          <Field id="close_on" name="closes_on" label="Closing day to record" type="date" value={values.close_on ?? today} errors={errors}
            hint="YYYY-MM-DD; not before the opening day. The wave closes now whatever the day." />
          <div class="actions">
            <button type="submit" class="danger">Close the wave now</button>
            <a href={base} class="button secondary">Keep it open</a>
          </div>
        </form>
      </>
    ),
  });
}
