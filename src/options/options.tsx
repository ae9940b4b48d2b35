// src/options: the options page (Preact): stack capture, sites where the extension stays off, and the leak
// rules' thresholds, kept in extension storage; the background applies them to documents loaded after.
import { render } from 'preact';
import { OptionsForm } from './options-form';
import './options.css';

render(<OptionsForm />, document.getElementById('app')!);
