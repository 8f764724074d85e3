/** One entry of a session section: a title and a line, opening to its detail (built only when open). */
import type { ReactNode } from 'react';
import { Disclosure } from '../../components/Disclosure';

interface Props {
  title: ReactNode;
  text: ReactNode;
  /** Extra controls on the summary line (e.g. select). */
  actions?: ReactNode;
  selected?: boolean;
  children: () => ReactNode;
}

export function SessionItem({ title, text, actions, selected, children }: Props) {
  return (
    <li className={selected ? 'item selected' : 'item'}>
      <Disclosure
        summary={
          <>
            <span className="item-title">{title}</span>
            <span className="item-text">{text}</span>
            {actions}
          </>
        }
      >
        {() => <div className="item-detail">{children()}</div>}
      </Disclosure>
    </li>
  );
}
