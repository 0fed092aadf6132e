/**
 * An accessible modal: the native <dialog> opened with showModal (focus moves in and is trapped,
 * the page behind is inert, Escape cancels), labelled by its heading and described by its text.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import './modal.css';

export interface ModalProps {
  title: string;
  /** Escape or the close button. */
  onCancel(): void;
  /** 'alertdialog' for questions that interrupt (unsaved changes). */
  role?: 'dialog' | 'alertdialog';
  description?: ReactNode;
  children: ReactNode;
  className?: string;
}

export function Modal({ title, onCancel, role, description, children, className }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    return () => dialog?.close?.();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`ns-modal ${className ?? ''}`}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      // Keys typed in a modal belong to it: window-level shortcuts (the editor's Delete, Ctrl+Z,
      // Escape) must not act on the document behind it.
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <h2 id={titleId} className="ns-modal__title">
        {title}
      </h2>
      {description && (
        <div id={descriptionId} className="ns-modal__description">
          {description}
        </div>
      )}
      {children}
    </dialog>
  );
}
