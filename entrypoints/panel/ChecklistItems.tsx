import type { ChecklistItem } from '../../src/guide';

/** A tickable list of a guide's checklist items: the consent items before recording, the closing items near the end. */
export function ChecklistItems(props: {
  items: readonly ChecklistItem[];
  checked: ReadonlySet<string>;
  testId: string;
  onToggle: (itemId: string, checked: boolean) => void;
}) {
  return (
    <ul>
      {props.items.map((item) => (
        <li key={item.id}>
          <label>
            <input
              type="checkbox"
              data-testid={props.testId}
              data-item-id={item.id}
              checked={props.checked.has(item.id)}
              onChange={(event) => props.onToggle(item.id, event.currentTarget.checked)}
            />
            {item.text}
          </label>
        </li>
      ))}
    </ul>
  );
}
