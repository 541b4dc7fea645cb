import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Icon } from '../../shared/ui/icon';

/** Windows reports .csv files as Excel; some browsers report no type at all. */
export function isCsvFile(file: Pick<File, 'name' | 'type'>): boolean {
  return (
    file.name.toLowerCase().endsWith('.csv') ||
    file.type === 'text/csv' ||
    file.type === 'application/csv'
  );
}

/** Drag-and-drop zone with a file button (the keyboard path). Accepts one CSV file. */
@Component({
  selector: 'sc-file-drop',
  imports: [MatButtonModule, Icon, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="drop"
      [class.drop--over]="over()"
      [class.drop--disabled]="disabled()"
      (dragenter)="onDragOver($event)"
      (dragover)="onDragOver($event)"
      (dragleave)="over.set(false)"
      (drop)="onDrop($event)"
    >
      <sc-icon name="upload" [size]="32" class="drop__icon" />
      <p class="drop__text">{{ 'data.import.drop' | t }}</p>
      <p class="drop__or">{{ 'data.import.or' | t }}</p>
      <button
        mat-stroked-button
        type="button"
        [disabled]="disabled()"
        (click)="picker.click()"
      >
        {{ 'data.import.choose' | t }}
      </button>
      <input
        #picker
        class="drop__input"
        type="file"
        accept=".csv,text/csv"
        tabindex="-1"
        aria-hidden="true"
        (change)="onPick(picker)"
      />
    </div>
    @if (refused(); as name) {
      <p class="drop__refused" role="alert">
        {{ 'data.import.notCsv' | t: { name } }}
      </p>
    }
  `,
  styles: `
    .drop {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 4px;
      padding: 24px 16px;
      border: 2px dashed var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-medium);
      text-align: center;
      transition: background-color 120ms;
    }
    .drop--over {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-primary-container);
    }
    .drop--disabled {
      opacity: 0.6;
    }
    .drop__icon {
      color: var(--mat-sys-primary);
    }
    .drop__text,
    .drop__or {
      margin: 0;
    }
    .drop__or {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .drop__input {
      display: none;
    }
    .drop__refused {
      color: var(--mat-sys-error);
      margin: 8px 0 0;
    }
  `,
})
export class FileDrop {
  protected readonly i18n = inject(I18n);

  readonly disabled = input(false);
  readonly fileSelected = output<File>();

  protected readonly over = signal(false);
  protected readonly refused = signal<string | null>(null);

  protected onDragOver(event: DragEvent): void {
    event.preventDefault();
    if (event.dataTransfer) {
      event.dataTransfer.dropEffect = this.disabled() ? 'none' : 'copy';
    }
    this.over.set(!this.disabled());
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.over.set(false);
    const file = event.dataTransfer?.files?.[0];
    if (file && !this.disabled()) {
      this.accept(file);
    }
  }

  protected onPick(picker: HTMLInputElement): void {
    const file = picker.files?.[0];
    if (file) {
      this.accept(file);
    }
    // Choosing the same file again must fire a change event.
    picker.value = '';
  }

  private accept(file: File): void {
    if (isCsvFile(file)) {
      this.refused.set(null);
      this.fileSelected.emit(file);
    } else {
      this.refused.set(file.name);
    }
  }
}
