throw new Error('this plugin is broken at import time');
