import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { LevelNode } from '@shelfcast/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  levelKey,
  nodeLabel,
  type LevelSelection,
} from '../data-access/level-selection';

/**
 * The hierarchy level selector (chain / region / store / category / product, the ones the role
 * may not open disabled) and, below chain, the node picker of the loaded level.
 */
@Component({
  selector: 'sc-level-picker',
  imports: [
    MatButtonToggleModule,
    MatFormFieldModule,
    MatSelectModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      data-testid="hierarchy-level"
      [value]="selection().level()"
      (change)="selection().setLevel($event.value)"
      [attr.aria-label]="'levels.level.label' | t"
      hideSingleSelectionIndicator
    >
      @for (l of selection().levels; track l) {
        <mat-button-toggle [value]="l" [disabled]="!selection().allowed(l)">{{
          levelKey(l) | t
        }}</mat-button-toggle>
      }
    </mat-button-toggle-group>
    @if (selection().level() !== 'chain' && nodes().length) {
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ 'levels.node' | t }}</mat-label>
        <mat-select
          data-testid="hierarchy-node"
          [value]="selection().data()?.key"
          (valueChange)="selection().setKey($event)"
        >
          @for (n of nodes(); track n.key) {
            <mat-option [value]="n.key">{{ nodeLabel(n) }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class LevelPicker {
  readonly selection = input.required<LevelSelection>();

  protected readonly levelKey = levelKey;
  protected readonly nodeLabel = nodeLabel;

  protected nodes(): readonly LevelNode[] {
    return this.selection().data()?.nodes ?? [];
  }
}
