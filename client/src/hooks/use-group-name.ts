import { useTranslation } from 'react-i18next';

/** "Gruppe 3" for group id `g3` (ids are g1, g2, … in the order groups were opened). */
export function useGroupName(): (groupId: string) => string {
  const { t } = useTranslation();
  return (groupId) => t('console.groupName', { number: groupNumber(groupId) });
}

/** The number in a group id, or the id itself when it has none. */
export function groupNumber(groupId: string): string {
  return groupId.match(/^g(\d+)$/)?.[1] ?? groupId;
}
