/** The `?` overlay: the timeline's keys and mouse gestures, from the one table the handler uses. */
import { KEY_BINDINGS, MOUSE_BINDINGS } from '../../timeline/keys';

export function KeysHelp({ onClose }: { onClose(): void }) {
  return (
    <div className="timeline-help" role="dialog" aria-label="Timeline keys" onClick={onClose}>
      <div className="timeline-help-box" onClick={(event) => event.stopPropagation()}>
        <h3>Timeline keys</h3>
        <table className="compact">
          <tbody>
            {KEY_BINDINGS.map((binding) => (
              <tr key={binding.action}>
                <td>
                  {binding.keys.map((key) => (
                    <kbd key={key}>
                      {key === 'enter'
                        ? 'Enter'
                        : key === 'shift+enter'
                          ? 'Shift+Enter'
                          : key === 'escape'
                            ? 'Esc'
                            : key.toUpperCase()}
                    </kbd>
                  ))}
                </td>
                <td>{binding.description}</td>
              </tr>
            ))}
            {MOUSE_BINDINGS.map((binding) => (
              <tr key={binding.gesture}>
                <td>{binding.gesture}</td>
                <td>{binding.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
