import { render } from 'preact';
import '../../src/ui/base.css';
import './workspace.css';
import { App } from './App';

render(<App />, document.getElementById('app')!);
