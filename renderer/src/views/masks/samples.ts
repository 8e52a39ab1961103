/**
 * The sample photos shipped in assets/samples/ (Debian darknet samples, MIT option; see the README
 * there). Vite turns each `new URL(…, import.meta.url)` into a hashed asset of the build.
 */
export interface SamplePhoto {
  id: string;
  label: string;
  url: string;
}

export const SAMPLE_PHOTOS: readonly SamplePhoto[] = [
  {
    id: 'dog',
    label: 'Dog',
    url: new URL('../../../../assets/samples/dog.jpg', import.meta.url).href,
  },
  {
    id: 'eagle',
    label: 'Eagle',
    url: new URL('../../../../assets/samples/eagle.jpg', import.meta.url).href,
  },
  {
    id: 'giraffe',
    label: 'Giraffe',
    url: new URL('../../../../assets/samples/giraffe.jpg', import.meta.url).href,
  },
  {
    id: 'horses',
    label: 'Horses',
    url: new URL('../../../../assets/samples/horses.jpg', import.meta.url).href,
  },
  {
    id: 'person',
    label: 'Person',
    url: new URL('../../../../assets/samples/person.jpg', import.meta.url).href,
  },
];

/** The sample shown when the view first opens. */
export const DEFAULT_SAMPLE_ID = 'dog';
