<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.live_controls</name>
    <message>
      <location filename="cnnviz/gui/panels/live_controls.py" />
      <source>Videos (*.mp4 *.avi *.mkv *.mov *.webm *.m4v *.mpg *.mpeg *.ogv *.gif);;All files (*)</source>
      <translation>视频 (*.mp4 *.avi *.mkv *.mov *.webm *.m4v *.mpg *.mpeg *.ogv *.gif);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/live_controls.py" />
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/live_controls.py" />
      <source>freeze the frame shown to look at it; Resume goes on with the newest</source>
      <translation>定住当前画面以便细看；“继续”会从最新一帧接着播放</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/live_controls.py" />
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/live_controls.py" />
      <source>Resume</source>
      <translation>继续</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/live_controls.py" />
      <source>Open video</source>
      <translation>打开视频</translation>
    </message>
  </context>
</TS>
