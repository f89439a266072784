/** The clearml.conf reader on the files people actually have. */
import { expect, it } from 'vitest';
import { parseClearmlConf } from './connection';
import { parseHocon } from './hocon';

it('reads clearml-init output: one-line credentials block, comments, and the sdk section after it', () => {
  const text = `# ClearML SDK configuration file
api {
    # Notice: 'host' is the api server (default port 8008), not the web server.
    api_server: http://gpu-box:8008
    web_server: http://gpu-box:8080
    files_server: http://gpu-box:8081
    # Credentials are generated using the webapp, http://gpu-box:8080//settings
    # Override with os environment: CLEARML_API_ACCESS_KEY / CLEARML_API_SECRET_KEY
    credentials {"access_key": "INITKEY123", "secret_key": "init/secret+with=chars"}
}
sdk {
    # ClearML - default SDK configuration
    storage {
        cache {
            # Defaults to system temp folder / cache
            default_base_dir: "~/.clearml/cache"
        }
    }
    metrics {
        file_history_size: 100
        matplotlib_untitled_history_size: 100
        images { format: JPEG, quality: 87, subsampling: 0 }
    }
    aws { s3 { key: "", secret: "", credentials: [ { bucket: "my-bucket", key: "k" } ] } }
    development { default_output_uri: \${?CLEARML_OUTPUT_URI} }
}
`;
  expect(parseClearmlConf(text)).toEqual({
    api_server: 'http://gpu-box:8008',
    web_server: 'http://gpu-box:8080',
    files_server: 'http://gpu-box:8081',
    access_key: 'INITKEY123',
    secret_key: 'init/secret+with=chars',
  });
  const all = parseHocon(text) as {
    sdk: { metrics: { images: { quality: string } }; aws: { s3: { credentials: { bucket: string }[] } } };
  };
  expect(all.sdk.metrics.images.quality).toBe('87');
  expect(all.sdk.aws.s3.credentials[0].bucket).toBe('my-bucket');
});

it('ignores commented-out settings, whichever comment style and wherever they stand', () => {
  const text = `api {
    # api_server: http://old-server:8008
    // api_server: http://older-server:8008
    api_server: http://real-server:8008   # the one in use
    files_server: "http://files:8081" // quoted, with a comment after
    credentials {
        # "access_key" = "OLDKEY"
        "access_key" = "NEWKEY"
        "secret_key" = "s#not-a-comment"
    }
}
`;
  expect(parseClearmlConf(text)).toEqual({
    api_server: 'http://real-server:8008',
    files_server: 'http://files:8081',
    access_key: 'NEWKEY',
    secret_key: 's#not-a-comment',
  });
});

it('reads dotted keys, = and :, repeated api blocks merged, and keys outside the api block left alone', () => {
  const text = `sdk { api_server: http://not-this:1, credentials { access_key: WRONG } }
api.api_server = "http://dotted:8008/api"
api {
  credentials.access_key: DOTTEDKEY
}
api { credentials { secret_key = "later-block" } }
`;
  expect(parseClearmlConf(text)).toEqual({
    api_server: 'http://dotted:8008/api',
    access_key: 'DOTTEDKEY',
    secret_key: 'later-block',
  });
});

it('reads nothing from a file without an api block, and survives a broken one', () => {
  expect(parseClearmlConf('# empty\n')).toEqual({});
  expect(parseClearmlConf('sdk { x: 1 }')).toEqual({});
  expect(parseClearmlConf('api { api_server: http://x:1\n credentials { access_key: "unterminated')).toEqual({
    api_server: 'http://x:1',
    access_key: 'unterminated',
  });
  expect(parseClearmlConf('}}} api { ] api_server: http://y:2 }')).toMatchObject({ api_server: 'http://y:2' });
});
