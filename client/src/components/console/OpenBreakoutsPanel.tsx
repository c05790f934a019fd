import {
  DEFAULT_PHASES,
  type ExerciseConfigInput,
  exerciseSlotIndex,
  GROUP_OF_FOUR_POLICIES,
  GROUP_STRATEGIES,
  type GroupOfFourPolicy,
  type GroupProposal,
  type GroupSize,
  type GroupStrategy,
  localize,
  type Phase,
  TIMING_PRESETS,
  type TimingPreset,
} from '@rundgang/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../hooks/use-command.ts';
import { focusSkillsOf, THEMES, textLanguage } from '../../lib/themes.ts';
import { request } from '../../realtime/session.ts';
import { useAppStore } from '../../store/index.ts';
import { ExerciseFitNote } from './ExerciseFitNote.tsx';
import { GroupEditor } from './GroupEditor.tsx';

/** When the guide may read the cards about them (the exercise's setting). */
type FeedbackVisibility = ExerciseConfigInput['feedbackVisibleToGuide'] & string;
const FEEDBACK_VISIBILITIES: readonly FeedbackVisibility[] = ['on_submit', 'after_feedback_phase'];

interface PhaseDraft {
  kind: Phase['kind'];
  minutes: string;
}

const toSeconds = (minutes: string) => Math.round(Number.parseFloat(minutes.replace(',', '.')) * 60);
const draftsOf = (phases: readonly Phase[]): PhaseDraft[] =>
  phases.map((p) => ({ kind: p.kind, minutes: String(p.durationSec / 60) }));

/** Open breakouts: exercise settings → proposed groups → hand edits → open. */
export function OpenBreakoutsPanel() {
  const { t, i18n } = useTranslation();
  const ids = {
    theme: useId(),
    size: useId(),
    strategy: useId(),
    rounds: useId(),
    closing: useId(),
    mute: useId(),
    visibility: useId(),
    policy: useId(),
    avoid: useId(),
  };
  const [expanded, setExpanded] = useState(false);
  const [themeId, setThemeId] = useState<string>(THEMES[0]?.id ?? 'structure');
  const [groupSize, setGroupSize] = useState<GroupSize>(3);
  const [strategy, setStrategy] = useState<GroupStrategy>('mix_municipalities');
  const [phases, setPhases] = useState<PhaseDraft[]>(() => draftsOf(DEFAULT_PHASES));
  const [avoidEarlierPartners, setAvoidEarlierPartners] = useState(true);
  const [groupOfFourPolicy, setGroupOfFourPolicy] = useState<GroupOfFourPolicy>('same_end_time');
  const [rounds, setRounds] = useState<string>('');
  const [closingSec, setClosingSec] = useState('60');
  const [muteObservers, setMuteObservers] = useState(false);
  const [feedbackVisibleToGuide, setFeedbackVisibleToGuide] = useState<FeedbackVisibility>('on_submit');
  const [proposal, setProposal] = useState<GroupProposal | null>(null);
  const [groups, setGroups] = useState<string[][]>([]);
  const propose = useCommand();
  const open = useCommand();
  const namesLearned = useAppStore((s) => s.namesLearned);
  const agenda = useAppStore((s) => s.liveState?.agenda ?? null);

  const phaseSeconds = phases.map((p) => toSeconds(p.minutes));
  const phasesValid = phaseSeconds.every((s) => Number.isFinite(s) && s >= 10 && s <= 7200);
  const language = textLanguage(i18n.resolvedLanguage);
  const theme = THEMES.find((th) => th.id === themeId);
  const focusSkills = theme ? focusSkillsOf(theme, language) : [];
  const roundsNumber = rounds === '' ? null : Number.parseInt(rounds, 10);
  const closingCountdownSec = Math.min(120, Math.max(10, Number.parseInt(closingSec, 10) || 60));
  const exercisePhases = phases.map((p, i) => ({ kind: p.kind, durationSec: phaseSeconds[i] ?? 60 }));
  const slotIndex = agenda ? exerciseSlotIndex(agenda.plan, agenda.run?.currentIndex ?? null) : -1;
  const slot = (slotIndex >= 0 && agenda?.plan.segments[slotIndex]) || null;
  const groupSizesNow = proposal ? groups.filter((g) => g.length > 0).map((g) => g.length) : [3, 4];
  const applyPreset = (preset: TimingPreset) => setPhases(draftsOf(TIMING_PRESETS[preset].phases));

  const submitPropose = async (event: FormEvent) => {
    event.preventDefault();
    const result = await propose.run(() =>
      request('breakouts:propose', { strategy, groupSize, avoidEarlierPartners }),
    );
    if (!result) return;
    namesLearned(Object.fromEntries(result.cohort.map((m) => [m.id, m.name])));
    setProposal(result);
    setGroups(result.groups);
  };

  const submitOpen = async () => {
    if (!proposal || !phasesValid) return;
    await open.run(() =>
      request('breakouts:open', {
        exercise: {
          themeId,
          focusSkills,
          groupSize,
          strategy,
          phases: exercisePhases,
          rounds: roundsNumber,
          groupOfFourPolicy,
          muteObserversDuringConversation: muteObservers,
          feedbackVisibleToGuide,
          closingCountdownSec,
          seed: proposal.seed,
        },
        groups: groups.filter((g) => g.length > 0),
      }),
    );
  };

  if (!expanded) {
    return (
      <section className="panel console-empty">
        <p className="empty-state">{t('console.noBreakouts')}</p>
        <button
          type="button"
          className="button button--primary"
          data-testid="open-breakouts"
          onClick={() => setExpanded(true)}
        >
          {t('open.button')}
        </button>
      </section>
    );
  }

  return (
    <section
      className="panel open-breakouts"
      aria-labelledby={`${ids.theme}-heading`}
      data-testid="open-breakouts-panel"
    >
      <h2 id={`${ids.theme}-heading`}>{t('open.heading')}</h2>
      <form className="open-breakouts__form" onSubmit={(e) => void submitPropose(e)}>
        <div className="field">
          <label htmlFor={ids.theme}>{t('open.theme')}</label>
          <select
            id={ids.theme}
            value={themeId}
            onChange={(e) => setThemeId(e.target.value)}
            data-testid="theme-select"
          >
            {THEMES.map((th) => (
              <option key={th.id} value={th.id}>
                {localize(th.title, language)}
              </option>
            ))}
          </select>
          <p className="hint">
            {t('open.focusSkills')}: {focusSkills.join(', ')}
          </p>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.size}>{t('open.groupSize')}</label>
            <select
              id={ids.size}
              value={groupSize}
              onChange={(e) => setGroupSize(Number(e.target.value) === 4 ? 4 : 3)}
              data-testid="group-size-select"
            >
              <option value={3}>3</option>
              <option value={4}>4</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.strategy}>{t('open.strategy')}</label>
            <select
              id={ids.strategy}
              value={strategy}
              onChange={(e) => setStrategy(e.target.value as GroupStrategy)}
              data-testid="strategy-select"
            >
              {GROUP_STRATEGIES.map((s) => (
                <option key={s} value={s}>
                  {t(`open.strategies.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.rounds}>{t('open.rounds')}</label>
            <select id={ids.rounds} value={rounds} onChange={(e) => setRounds(e.target.value)}>
              <option value="">{t('open.roundsAuto')}</option>
              {[1, 2, 3, 4].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="toggle">
          <input
            id={ids.avoid}
            type="checkbox"
            data-testid="avoid-earlier-partners"
            checked={avoidEarlierPartners}
            onChange={(e) => setAvoidEarlierPartners(e.target.checked)}
          />
          <label htmlFor={ids.avoid}>{t('open.avoidEarlierPartners')}</label>
        </div>
        <div className="field">
          <label htmlFor={ids.policy}>{t('open.groupOfFourPolicy')}</label>
          <select
            id={ids.policy}
            value={groupOfFourPolicy}
            data-testid="group-of-four-policy"
            onChange={(e) => setGroupOfFourPolicy(e.target.value as GroupOfFourPolicy)}
          >
            {GROUP_OF_FOUR_POLICIES.map((policy) => (
              <option key={policy} value={policy}>
                {t(`open.groupOfFourPolicies.${policy}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="phases-editor">
          <legend>{t('open.phases')}</legend>
          {phases.map((phase, index) => (
            <label key={phase.kind} className="phases-editor__item">
              <span>{t('open.phaseMinutes', { phase: t(`phases.${phase.kind}`) })}</span>
              <input
                type="number"
                // 10 s is the shortest phase (the message below says so); any fraction of a minute.
                min={10 / 60}
                max={120}
                step="any"
                inputMode="decimal"
                value={phase.minutes}
                data-testid={`phase-minutes-${phase.kind}`}
                onChange={(e) =>
                  setPhases((all) => all.map((p, i) => (i === index ? { ...p, minutes: e.target.value } : p)))
                }
              />
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <span className="hint">{t('timing.presets')}:</span>
          {(['three_hours', 'two_hours'] as const).map((preset) => (
            <button
              key={preset}
              type="button"
              className="button button--small button--secondary"
              data-testid={`phase-preset-${preset}`}
              onClick={() => applyPreset(preset)}
            >
              {t(preset === 'three_hours' ? 'timing.presetThreeHours' : 'timing.presetTwoHours')}
            </button>
          ))}
        </div>
        {!phasesValid ? (
          <p className="error-message" role="alert">
            {t('open.invalidPhases')}
          </p>
        ) : (
          <ExerciseFitNote
            config={{ rounds: roundsNumber, phases: exercisePhases, groupOfFourPolicy, closingCountdownSec }}
            sizes={groupSizesNow}
            slot={slot}
          />
        )}
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.closing}>{t('open.closingCountdown')}</label>
            <input
              id={ids.closing}
              type="number"
              min={10}
              max={120}
              value={closingSec}
              data-testid="closing-seconds"
              onChange={(e) => setClosingSec(e.target.value)}
            />
          </div>
          <div className="toggle">
            <input
              id={ids.mute}
              type="checkbox"
              data-testid="mute-observers"
              checked={muteObservers}
              onChange={(e) => setMuteObservers(e.target.checked)}
            />
            <label htmlFor={ids.mute}>{t('open.muteObservers')}</label>
          </div>
        </div>
        <fieldset className="choice-group" data-testid="feedback-visibility">
          <legend>{t('open.feedbackVisibility')}</legend>
          {FEEDBACK_VISIBILITIES.map((value) => (
            <label key={value} className="choice-group__option">
              <input
                type="radio"
                name={ids.visibility}
                value={value}
                checked={feedbackVisibleToGuide === value}
                data-testid={`feedback-visibility-${value}`}
                onChange={() => setFeedbackVisibleToGuide(value)}
              />
              <span>{t(`open.feedbackVisibilityOptions.${value}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button" disabled={propose.busy} data-testid="propose-groups">
            {propose.busy ? t('open.proposing') : t('open.propose')}
          </button>
          <button type="button" className="button button--quiet" onClick={() => setExpanded(false)}>
            {t('open.cancel')}
          </button>
        </div>
        <p className="status-message" role="status">
          {propose.error ?? ''}
        </p>
      </form>
      {proposal &&
        (groups.length === 0 ? (
          <p className="empty-state" data-testid="no-one-to-group">
            {t('open.noneToGroup')}
          </p>
        ) : (
          <>
            <p className="hint" data-testid="proposal-pairs">
              {t('open.pairs', { fresh: proposal.pairs.newPairs, repeated: proposal.pairs.repeatedPairs })}
            </p>
            <GroupEditor groups={groups} cohort={proposal.cohort} onChange={setGroups} />
            <div className="actions">
              <button
                type="button"
                className="button button--primary"
                disabled={open.busy || !phasesValid}
                data-testid="confirm-open-breakouts"
                onClick={() => void submitOpen()}
              >
                {open.busy
                  ? t('open.opening')
                  : t('open.confirm', { count: groups.filter((g) => g.length).length })}
              </button>
            </div>
            <p className="status-message" role="status">
              {open.error ?? ''}
            </p>
          </>
        ))}
    </section>
  );
}
