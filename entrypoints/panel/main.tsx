import { render } from 'preact';
import '../../src/ui/base.css';
import './panel.css';
import { App } from './App';

render(<App />, document.getElementById('app')!);
