<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.cli.parser</name>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>open the desktop app (the default)</source>
      <translation>打开桌面应用（默认）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>list the models cnnviz opens by name (course, torchvision, timm)</source>
      <translation>列出 cnnviz 可按名称打开的模型（课程、torchvision、timm）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>shapes, parameters, MACs and receptive fields per layer</source>
      <translation>逐层列出形状、参数量、乘加次数和感受野</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>record every layer's output for one image to .safetensors</source>
      <translation>记录一张图像在每一层的输出，保存为 .safetensors</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>draw a view (features, filters, inception, residual, gradcam) to a PNG</source>
      <translation>把一个视图（features 特征图、filters 滤波器、inception、residual 残差、gradcam）画成 PNG</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>why the network decided: an attribution map (Grad-CAM ...) of one image to .safetensors</source>
      <translation>网络为何这样判断：把一张图像的归因图（Grad-CAM 等）保存为 .safetensors</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>train a model on digits, shapes, MNIST, CIFAR-10 or a folder</source>
      <translation>在 digits、shapes、MNIST、CIFAR-10 或一个文件夹上训练模型</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>per channel of a layer, the dataset images that excite it most, to JSON (torchrun: many GPUs)</source>
      <translation>对某层的每个通道，找出数据集中最能激活它的图像，保存为 JSON（用 torchrun 可多 GPU 运行）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>the input that excites a channel of a layer the most (activation maximisation) to a PNG</source>
      <translation>生成最能激活某层某个通道的输入（激活最大化），保存为 PNG</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>show program's version number and exit</source>
      <translation>显示程序的版本号并退出</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>show tracebacks for errors</source>
      <translation>出错时显示完整的调用栈</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>See inside convolutional neural networks.</source>
      <translation>看清卷积神经网络的内部。</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>Without a subcommand, cnnviz opens the desktop app: cnnviz [IMAGE ...] [--model M] ...</source>
      <translation>不带子命令时，cnnviz 打开桌面应用：cnnviz [IMAGE ...] [--model M] ...</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>the language of help and messages: en, zh_CN (default: CNNVIZ_LANG, else the system's)</source>
      <translation>帮助和消息的语言：en、zh_CN（默认：CNNVIZ_LANG，否则跟随系统）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>Open the cnnviz desktop app.</source>
      <translation>打开 cnnviz 桌面应用。</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/parser.py" />
      <source>Subcommands: {commands} (cnnviz COMMAND --help).</source>
      <translation>子命令：{commands}（用法见 cnnviz COMMAND --help）。</translation>
    </message>
  </context>
</TS>
