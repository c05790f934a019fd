import { type CohortMember, irregularGroups } from '@rundgang/shared';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGroupName } from '../../hooks/use-group-name.ts';

/** Moves a member to group `to` (groups.length = a new group) and drops groups left empty. */
export function moveMember(groups: readonly string[][], memberId: string, to: number): string[][] {
  const next = groups.map((g) => g.filter((id) => id !== memberId));
  if (to >= next.length) next.push([memberId]);
  else next[to]?.push(memberId);
  return next.filter((g) => g.length > 0);
}

/** The proposed groups, editable by drag and drop and, for keyboards, a "move to" list per person. */
export function GroupEditor({
  groups,
  cohort,
  onChange,
}: {
  groups: string[][];
  cohort: CohortMember[];
  onChange: (groups: string[][]) => void;
}) {
  const { t } = useTranslation();
  const groupName = useGroupName();
  const [dropTarget, setDropTarget] = useState<number | null>(null);
  const byId = new Map(cohort.map((m) => [m.id, m]));
  const irregular = irregularGroups(groups);

  const onDrop = (event: DragEvent, index: number) => {
    event.preventDefault();
    setDropTarget(null);
    const id = event.dataTransfer.getData('text/plain');
    if (id) onChange(moveMember(groups, id, index));
  };

  return (
    <section className="group-editor" aria-labelledby="group-editor-heading">
      <h3 id="group-editor-heading">{t('open.groupsHeading')}</h3>
      <p className="hint">{t('open.groupsHint')}</p>
      {irregular.map((index) => (
        <p key={index} className="notice" data-testid="irregular-group">
          {t('open.irregular', { number: index + 1, count: groups[index]?.length ?? 0 })}
        </p>
      ))}
      <ol className="group-editor__groups">
        {groups.map((group, index) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: a proposed group has no identity but its position.
            key={index}
            className={`group-editor__group${dropTarget === index ? ' group-editor__group--target' : ''}`}
            data-testid="proposed-group"
            onDragOver={(e) => {
              e.preventDefault();
              setDropTarget(index);
            }}
            onDragLeave={() => setDropTarget((d) => (d === index ? null : d))}
            onDrop={(e) => onDrop(e, index)}
          >
            <h4>
              {groupName(`g${index + 1}`)}{' '}
              <span className="hint">({t('open.groupCount', { count: group.length })})</span>
            </h4>
            <ul className="group-editor__members">
              {group.map((id) => {
                const member = byId.get(id);
                const name = member?.name ?? id;
                return (
                  <li
                    key={id}
                    className="member-chip"
                    draggable
                    data-testid="proposed-member"
                    data-participant-id={id}
                    onDragStart={(e) => {
                      e.dataTransfer.setData('text/plain', id);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                  >
                    <span className="member-chip__name">
                      {name}
                      {member?.municipality && (
                        <span className="member-chip__place"> · {member.municipality}</span>
                      )}
                      {member && !member.present && (
                        <span className="member-chip__place"> · {t('open.absent')}</span>
                      )}
                    </span>
                    <select
                      aria-label={t('console.moveLabel', { name })}
                      value={index}
                      className="member-chip__move"
                      onChange={(e) => onChange(moveMember(groups, id, Number(e.target.value)))}
                    >
                      {groups.map((_, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: options are the groups' positions.
                        <option key={i} value={i}>
                          {groupName(`g${i + 1}`)}
                        </option>
                      ))}
                      <option value={groups.length}>{t('open.newGroup')}</option>
                    </select>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
