<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.inputs.mjpeg_avi</name>
    <message>
      <location filename="cnnviz/core/inputs/mjpeg_avi.py" />
      <source>a video frame must be H x W x 3, not {shape}</source>
      <translation>视频帧必须是 H x W x 3，而不是 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/mjpeg_avi.py" />
      <source>video frames differ in size: {first} and {other}</source>
      <translation>视频帧的尺寸不一致：{first} 与 {other}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/mjpeg_avi.py" />
      <source>a video needs at least one frame</source>
      <translation>视频至少需要一帧</translation>
    </message>
  </context>
</TS>
