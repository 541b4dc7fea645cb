import { Component } from '@angular/core';

@Component({
  selector: 'sc-charts',
  imports: [],
  templateUrl: './charts.html',
  styleUrl: './charts.css',
})
export class Charts {}
